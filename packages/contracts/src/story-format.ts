/**
 * The plain-text story layout the pipeline exports and imports (see shared/examples):
 *
 *   ␠date 2025-09-05 https://example.org/story.html
 *
 *   Title
 *
 *   Title            (repeated in some exports)
 *
 *   First paragraph …
 */
export interface StoryDocument {
  url: string;
  date: string;
  title: string;
  body: string;
}

export class StoryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoryFormatError';
  }
}

const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S+)\s*$/;

export function parseStoryText(text: string): StoryDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) throw new StoryFormatError('the file is empty');
  const header = DATE_LINE.exec(lines[first]!);
  if (!header) throw new StoryFormatError('the first line is not " date YYYY-MM-DD URL"');
  const paragraphs = lines
    .slice(first + 1)
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const title = paragraphs.shift();
  if (!title) throw new StoryFormatError('the story has no title');
  if (paragraphs[0] === title) paragraphs.shift();
  if (paragraphs.length === 0) throw new StoryFormatError('the story has no body');
  return { date: header[1]!, url: header[2]!, title, body: paragraphs.join('\n\n') };
}
