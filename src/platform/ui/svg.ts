// One accessible image from a chart drawn on the server (Observable Plot in a linkedom document): the chart is one
// image (role=img, its own title and description); its parts carry no ARIA and no inline style of their own.

export const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SvgImageOptions {
  /** The element id; the title and description get `<id>-titel` and `<id>-uitleg`. */
  id: string;
  title: string;
  desc: string;
  /** Classes of the root element (default `sb-chart`). */
  className?: string;
  /** Markup placed right after the title and description (e.g. `<defs>` with patterns, a legend). */
  prelude?: string;
}

/** Turns a drawn SVG element into standalone, accessible SVG markup. */
export function svgImage(svg: Element, o: SvgImageOptions): string {
  svg.querySelectorAll('style').forEach((s) => s.remove());
  svg.querySelectorAll('[aria-label]').forEach((e) => e.removeAttribute('aria-label'));
  svg.querySelectorAll('[aria-description]').forEach((e) => e.removeAttribute('aria-description'));
  svg.setAttribute('class', o.className ?? 'sb-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${o.id}-titel ${o.id}-uitleg`);
  svg.setAttribute('id', o.id);
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return svg.outerHTML.replace(/^<svg([^>]*)>/, `<svg$1><title id="${o.id}-titel">${escapeXml(o.title)}</title><desc id="${o.id}-uitleg">${escapeXml(o.desc)}</desc>${o.prelude ?? ''}`);
}
