import { describe, expect, it } from 'vitest';
import { countTerms, wordWeights } from './keywords';
import { summarize } from './summary';
import { splitSentences } from './text/sentences';
import { stopwordsFor } from './text/stopwords';
import { tokenize } from './text/tokenize';

function summaryOf(body: string): string[] {
  const tokens = tokenize(body, 'en');
  const counts = countTerms([tokens], stopwordsFor('en'));
  const weights = wordWeights(counts, { documentCount: 100, documentFrequency: () => 1 });
  return summarize(splitSentences(body, 'en'), tokens, weights);
}

const ARTICLE = [
  'Flooding Hits Northern Towns',
  'Heavy rain flooded three northern towns on Monday, forcing hundreds of residents from their homes.',
  'Rescue teams used boats to reach families trapped by the flood water in the town centres.',
  'The weather service said more heavy rain would fall on the flooded towns overnight.',
  'A local football match was postponed.',
  'Officials opened schools as shelters for residents who had to leave their flooded homes.',
  'It was the worst flooding in the region for twenty years, the mayor of one town said.',
  'The regional government promised money to repair flooded homes and roads.',
  'Insurance companies expect thousands of claims from residents of the flooded towns.',
  'Traffic was diverted around the main bridge, which engineers will inspect on Tuesday.',
].join('\n');

describe('summarize', () => {
  it('picks three sentences of a longer article, in article order, and never the headline', () => {
    const summary = summaryOf(ARTICLE);
    expect(summary).toHaveLength(3);
    expect(summary).not.toContain('Flooding Hits Northern Towns');
    const positions = summary.map((sentence) => ARTICLE.indexOf(sentence));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The lead carries the story's key terms and comes first.
    expect(summary[0]).toContain('Heavy rain flooded three northern towns');
    expect(summary).not.toContain('A local football match was postponed.');
  });

  it('gives two sentences for a short article and skips a near-repeat', () => {
    const body =
      'The museum reopened its doors to visitors after a long renovation. ' +
      'The museum reopened its doors to visitors after the renovation on Sunday. ' +
      'Tickets for the new exhibition sold out within hours of the opening. ' +
      'The director thanked the donors who paid for the work on the roof.';
    const summary = summaryOf(body);
    expect(summary).toHaveLength(2);
    expect(summary.filter((s) => s.startsWith('The museum reopened'))).toHaveLength(1);
  });

  it('falls back to the opening lines when nothing is sentence-shaped', () => {
    expect(summaryOf('Results\nTeam A 2 Team B 1')).toEqual(['Results', 'Team A 2 Team B 1']);
    expect(summaryOf('')).toEqual([]);
  });
});
