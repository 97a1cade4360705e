import { describe, expect, it } from 'vitest';
import { distinctiveWordChoice, distinctiveWordHits, wordsConfirm } from './distinctive-words';

describe('distinctive words', () => {
  it('counts each member’s words, case-insensitively', () => {
    const hits = distinctiveWordHits('Kerajaan berkata bahawa WANG itu hilang kerana kecuaian.', ['ind', 'zsm']);
    expect(hits.get('zsm')).toBe(4);
    expect(hits.get('ind')).toBe(0);
  });

  it('points away from the current answer only when another member clearly leads', () => {
    expect(distinctiveWordChoice('Pemerintah mengatakan bahwa uang itu hilang karena kelalaian.', ['ind', 'zsm'], 'zsm')).toEqual({ code: 'ind', lead: 4 });
    // One word each: no clear lead, keep the current answer.
    expect(distinctiveWordChoice('Pemerintah dan kerajaan bertemu.', ['ind', 'zsm'], 'ind')).toBeNull();
    // The current answer already leads.
    expect(distinctiveWordChoice('Kerajaan berkata bahawa wang itu hilang.', ['ind', 'zsm'], 'zsm')).toBeNull();
    // No distinctive words at all.
    expect(distinctiveWordChoice('Harga minyak naik lagi.', ['ind', 'zsm'], 'ind')).toBeNull();
  });

  it('moves ijekavian text off Serbian to the first of the tied ijekavian standards', () => {
    expect(distinctiveWordChoice('Vlada je objavila nove mjere prije izbora.', ['hrv', 'bos', 'srp'], 'srp')).toEqual({ code: 'hrv', lead: 2 });
    expect(distinctiveWordChoice('Vlada je objavila nove mere pre izbora.', ['hrv', 'bos', 'srp'], 'hrv')).toEqual({ code: 'srp', lead: 2 });
  });

  it('confirms a member only when it alone has the most words', () => {
    expect(wordsConfirm('Hiljade ljudi, tokom sedmice.', ['hrv', 'bos', 'srp'], 'bos')).toBe(true);
    expect(wordsConfirm('Vlada je objavila nove mjere.', ['hrv', 'bos', 'srp'], 'hrv')).toBe(false);
    expect(wordsConfirm('Nothing here.', ['hrv', 'bos'], 'hrv')).toBe(false);
  });
});
