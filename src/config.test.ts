// Configuration defaults that depend on each other.
import { describe, it, expect } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('derives PUBLIC_URL from PORT when it is not set', () => {
    expect(loadConfig({ PORT: '8080' } as NodeJS.ProcessEnv).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({} as NodeJS.ProcessEnv).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://sociale-basis.example' } as NodeJS.ProcessEnv).PUBLIC_URL).toBe('https://sociale-basis.example');
  });

  it('validates LOG_FORMAT and LOG_LEVEL', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' } as NodeJS.ProcessEnv).LOG_FORMAT).toBe('json');
    expect(loadConfig({} as NodeJS.ProcessEnv).LOG_LEVEL).toBe('info');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' } as NodeJS.ProcessEnv)).toThrow(/LOG_FORMAT/);
  });
});
