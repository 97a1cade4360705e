import { describe, expect, it } from 'vitest';
import { nameSkeleton, romanize } from './names';

describe('name skeletons', () => {
  it('are the same for a name in Latin, Cyrillic, Greek and Katakana, inflected or not', () => {
    for (const form of ['Dylan', 'Dylanem', 'Дилан', 'Диланом', 'Ντιλαν', 'ディラン']) expect(nameSkeleton(form), form).toBe('drn');
    for (const form of ['Danius', 'Даниус', 'Данијус', 'Ντανιους']) expect(nameSkeleton(form), form).toBe('dns');
    for (const form of ['Scholz', 'Шольц', 'Scholzem']) expect(nameSkeleton(form), form).toBe('srs');
  });

  it('tell different names apart and skip names too short to say anything', () => {
    expect(nameSkeleton('Merkel')).not.toBe(nameSkeleton('Macron'));
    expect(nameSkeleton('Sara')).toBeUndefined();
    expect(nameSkeleton('Xi')).toBeUndefined();
    expect(nameSkeleton('习近平')).toBeUndefined();
  });

  it('romanizes the scripts it knows and nothing else', () => {
    expect(romanize('Москва')).toBe('moskva');
    expect(romanize('Μπομπ')).toBe('bob');
    expect(romanize('Łódź')).toBe('lodz');
    expect(romanize('北京')).toBe('');
  });
});
