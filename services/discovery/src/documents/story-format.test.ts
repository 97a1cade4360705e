import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StoryFormatError, parseStoryText } from '@newsflow/contracts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
// eslint-disable-next-line no-restricted-syntax -- the shared data folder may live elsewhere on CI
const sharedDir = process.env.NEWSFLOW_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

describe('plain-text story files', () => {
  it('reads date, URL, the title once and the body paragraphs of the shared example', () => {
    const story = parseStoryText(readFileSync(join(sharedDir, 'examples', 'story-2025-09-05-sputnikglobe.txt'), 'utf8'));
    expect(story.date).toBe('2025-09-05');
    expect(story.url).toMatch(/^https:\/\/sputnikglobe\.com\/20250905\//);
    expect(story.title).toBe('Kim at Meeting With Xi Says North Korean-Chinese Friendship Unbreakable - State Media');
    expect(story.body.startsWith('North Korean leader Kim Jong Un')).toBe(true);
    expect(story.body).not.toContain(story.title);
  });

  it('keeps a title that is not repeated and joins wrapped lines', () => {
    const story = parseStoryText(' date 2024-01-02 https://example.org/a\n\nOnly once\n\nFirst line\nsame paragraph.\n\nSecond.\n');
    expect(story).toEqual({ date: '2024-01-02', url: 'https://example.org/a', title: 'Only once', body: 'First line same paragraph.\n\nSecond.' });
  });

  it('rejects files without the date line, title or body with a reason', () => {
    expect(() => parseStoryText('')).toThrow(StoryFormatError);
    expect(() => parseStoryText('Title\n\nBody')).toThrow(/first line/);
    expect(() => parseStoryText(' date 2024-01-02 https://example.org/a\n\nTitle\n')).toThrow(/no body/);
  });
});
