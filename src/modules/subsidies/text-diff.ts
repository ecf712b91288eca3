// A readable word-level difference between two versions of a text (the history of an application's sections):
// the longest common subsequence of words and spaces, returned as runs of kept, removed and added text.
// Long texts with many changes fall back to comparing whole lines, so the work stays bounded.

export interface DiffPart {
  op: 'same' | 'del' | 'add';
  text: string;
}

const MAX_CELLS = 2_000_000;

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  // Trim the common start and end first: edits are usually local.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('same', a.slice(0, start).join(''));
  if (n * m > MAX_CELLS) {
    push('del', x.join(''));
    push('add', y.join(''));
  } else {
    // dp[i][j] = LCS length of x[i..] and y[j..]
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        push('same', x[i]);
        i++;
        j++;
      } else if (dp[i + 1][j] >= dp[i][j + 1]) push('del', x[i++]);
      else push('add', y[j++]);
    }
    while (i < n) push('del', x[i++]);
    while (j < m) push('add', y[j++]);
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

const words = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
const lines = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** The difference from `before` to `after`: words when the change is small enough, else whole lines. */
export function diffText(before: string, after: string): DiffPart[] {
  const w = [words(before), words(after)];
  if (w[0].length * w[1].length <= MAX_CELLS * 4) return lcsDiff(w[0], w[1]);
  return lcsDiff(lines(before), lines(after));
}
