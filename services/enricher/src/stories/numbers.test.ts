import { describe, expect, it } from 'vitest';
import { storyNumbers } from './numbers';

const values = (text: string): string[] => storyNumbers(text).map((n) => n.value);

describe('storyNumbers', () => {
  it('reads thousands and decimals the way each language writes them', () => {
    expect(values('1,250 people')).toEqual(['1250']);
    expect(values('1.250 Menschen')).toEqual(['1250']);
    expect(values('4 500 человек')).toEqual(['4500']);
    expect(values('12\u202f500\u202f000 habitants')).toEqual(['12500000']);
    expect(values('3.5% and 3,5 %')).toEqual(['3.5']);
    expect(values('12,500.75 or 12.500,75')).toEqual(['12500.75']);
    expect(values('0.125')).toEqual(['0.125']);
  });

  it('keeps neighbouring figures apart', () => {
    expect(values('der Handel habe 2021 297,9 Milliarden Euro erreicht')).toEqual(['2021', '297.9']);
    expect(values('in 2016, 20 people died')).toEqual(['2016', '20']);
  });

  it('reads the digits of other scripts', () => {
    expect(values('١٬٢٥٠ شخصا في ٢٠١٦')).toEqual(['1250', '2016']);
    expect(values('۱۴۰۲ و २०२४ और ２０２４年')).toEqual(['1402', '2024']);
  });

  it('leaves out small integers and says what kind each figure is', () => {
    expect(values('3 mice, 4 cats and 1 2 3')).toEqual([]);
    expect(storyNumbers('In 2016, 12 of 350 seats, 2.5%')).toEqual([
      { value: '2016', kind: 'year' },
      { value: '12', kind: 'count' },
      { value: '350', kind: 'large' },
      { value: '2.5', kind: 'decimal' },
    ]);
  });
});
