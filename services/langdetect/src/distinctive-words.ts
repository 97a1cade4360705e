/**
 * Words that tell close standard languages apart where character n-grams cannot: spelling and
 * vocabulary differences every style guide lists (Malay "kerana", "wang", "kerajaan" against
 * Indonesian "karena", "uang", "pemerintah"; Croatian "tko", "tisuća", month names against
 * Bosnian "ko", "hiljada", "februar"; Serbian ekavian "vreme", "gde" against ijekavian "vrijeme",
 * "gdje"). Written from those lists, not mined from any evaluation data.
 */
const DISTINCTIVE_WORDS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ind: [
    'bisa', 'karena', 'bahwa', 'uang', 'kantor', 'mobil', 'polisi', 'pemerintah', 'berbagai', 'terjadi', 'serikat',
    'perusahaan', 'yaitu', 'saja', 'mau', 'bagian', 'internasional', 'universitas', 'televisi', 'menit', 'desember',
    'agustus', 'maret', 'juli', 'juni', 'kota', 'sepeda', 'gimana', 'nggak', 'film', 'musik', 'proyek', 'kualitas',
    'aktivitas', 'komunitas', 'kapasitas', 'provinsi', 'persen', 'miliar', 'triliun', 'kendaraan', 'harus',
    'olahraga', 'coba', 'gratis', 'umum', 'dibandingkan', 'dulu', 'informasi', 'pernyataan', 'diperkirakan',
    'pelayanan', 'layanan', 'ilmuwan', 'bandara', 'anggota', 'petugas', 'bilang', 'cuma', 'lewat', 'tetangga',
    'berkunjung', 'khawatir',
  ],
  zsm: [
    'boleh', 'kerana', 'bahawa', 'wang', 'hospital', 'polis', 'kerajaan', 'pelbagai', 'baharu', 'berlaku', 'syarikat',
    'iaitu', 'sahaja', 'mahu', 'bahagian', 'antarabangsa', 'universiti', 'televisyen', 'minit', 'disember', 'ogos',
    'mac', 'julai', 'jun', 'bandar', 'ialah', 'semasa', 'selepas', 'sebarang', 'menerusi', 'membabitkan', 'terbabit',
    'kakitangan', 'ahli', 'jabatan', 'bas', 'teksi', 'filem', 'muzik', 'sains', 'saintis', 'projek', 'kualiti',
    'aktiviti', 'komuniti', 'kapasiti', 'peratus', 'bilion', 'trilion', 'kenderaan', 'mesti', 'sukan', 'kanak',
    'percuma', 'tandas', 'awam', 'berbanding', 'semula', 'bagaimanapun', 'dahulu', 'maklumat', 'kenyataan',
    'perkhidmatan', 'pegawai', 'dijangka', 'ramai', 'berkenaan', 'melawat', 'jiran', 'khuatir',
  ],
  hrv: [
    'tko', 'tisuća', 'tisuće', 'povijest', 'povijesti', 'tjedan', 'tjedna', 'kazalište', 'vlak', 'zrakoplov',
    'nogomet', 'glazba', 'glazbe', 'sveučilište', 'točka', 'obitelj', 'kruh', 'tijekom', 'znanost', 'znanstvenici',
    'izvješće', 'europski', 'europe', 'europa', 'glasnogovornik', 'zračna', 'siječnja', 'veljače', 'ožujka',
    'travnja', 'svibnja', 'lipnja', 'srpnja', 'kolovoza', 'rujna', 'listopada', 'studenoga', 'prosinca', 'utjecaj',
    'kava', 'kemija', 'postotak', 'primjerice', 'hrvatski', 'hrvatske', 'nitko', 'netko', 'svatko', 'unatoč',
    'suradnja', 'suradnje', 'surađivati', 'sudjelovati', 'sudjelovanje', 'sudionici', 'milijun', 'milijuna',
    'ubojstvo', 'ubojstva', 'tvornica', 'tvrtka', 'tvrtke', 'računalo', 'računala', 'veleposlanstvo', 'talijanski',
    'talijanske', 'znanstveni', 'znanstvenik', 'znanstvenika', 'otok', 'otoka', 'otoci', 'prosvjed', 'prosvjedi',
    'točno', 'općenito', 'momčad', 'tisak', 'ravnatelj', 'sukladno', 'kolodvor', 'vlaka', 'vlakom', 'zračne',
    'zračnoj', 'zrakoplova', 'zrakoplovom', 'glazbu', 'nogometa', 'nogometni', 'povijesni', 'povijesnih', 'tisuću',
    'tjedana', 'obitelji', 'kruha', 'mjere', 'mjera', 'vrijeme', 'gdje', 'prije', 'poslije', 'svijet', 'svijeta',
    'mjesto', 'mjesta', 'lijepo', 'cijena', 'cijene', 'vijest', 'vijesti', 'vijeće', 'mjesec', 'mjeseca', 'sjever',
    'tijelo', 'dijete', 'djeca', 'djece', 'rijeka', 'rijeke', 'mlijeko', 'uvijek', 'ovdje', 'htio', 'vidjeti',
    'primjer',
  ],
  bos: [
    'ko', 'šta', 'hiljada', 'hiljade', 'historija', 'historije', 'sedmica', 'sedmice', 'pozorište', 'voz', 'fudbal',
    'muzika', 'muzike', 'univerzitet', 'tačka', 'porodica', 'hljeb', 'tokom', 'nauka', 'naučnici', 'izvještaj',
    'evropski', 'evrope', 'evropa', 'portparol', 'aerodrom', 'januar', 'februar', 'mart', 'april', 'maj', 'juni',
    'juli', 'august', 'septembar', 'oktobar', 'novembar', 'decembar', 'uticaj', 'kafa', 'hemija', 'procenat',
    'procenata', 'takođe', 'bosanski', 'bosne', 'niko', 'uprkos', 'naprimjer', 'saradnja', 'saradnje', 'sarađivati',
    'učestvovati', 'učešće', 'učesnici', 'milion', 'miliona', 'ubistvo', 'ubistva', 'fabrika', 'računar', 'ambasada',
    'italijanski', 'italijanske', 'naučni', 'naučnik', 'naučnika', 'ostrvo', 'ostrva', 'tačno', 'uopšte', 'štampa',
    'sprat', 'voza', 'vozom', 'aerodroma', 'fudbala', 'fudbalski', 'historijski', 'historijskih', 'hiljadu',
    'porodice', 'porodici', 'hljeba', 'hemijski', 'bezbjednost', 'vazduh', 'mjere', 'mjera', 'vrijeme', 'gdje',
    'prije', 'poslije', 'svijet', 'svijeta', 'mjesto', 'mjesta', 'lijepo', 'cijena', 'cijene', 'vijest', 'vijesti',
    'vijeće', 'mjesec', 'mjeseca', 'sjever', 'tijelo', 'dijete', 'djeca', 'djece', 'rijeka', 'rijeke', 'mlijeko',
    'uvijek', 'ovdje', 'htio', 'vidjeti', 'primjer',
  ],
  glg: [
    'non', 'unha', 'unhas', 'moi', 'xa', 'tamén', 'máis', 'xente', 'dende', 'nunha', 'nun', 'polo', 'pola', 'polos', 'iso',
    'xuño', 'xullo', 'xaneiro', 'febreiro', 'catro', 'dous', 'dúas', 'cun', 'cunha', 'coa', 'tiña', 'facer', 'fixo', 'dixo',
    'ademais', 'entón', 'aínda', 'mentres', 'xeral', 'xunto', 'despois',
  ],
  por: [
    'não', 'uma', 'umas', 'muito', 'muitos', 'também', 'já', 'numa', 'pelo', 'pela', 'pelos', 'isso', 'depois', 'ainda', 'então',
    'quatro', 'dois', 'duas', 'tinha', 'fazer', 'fez', 'disse', 'além', 'governo',
  ],
  spa: [
    'el', 'los', 'las', 'del', 'y', 'una', 'muy', 'ya', 'también', 'después', 'pero', 'entonces', 'dijo', 'hizo', 'tenía',
    'hacer', 'cuatro', 'gobierno', 'ciudad', 'más',
  ],
  srp: [
    'vreme', 'mere', 'mera', 'gde', 'pre', 'posle', 'deca', 'dece', 'dete', 'reka', 'reke', 'mleko', 'lepo', 'ovde', 'celi', 'srpski',
    'srbije', 'hteo', 'videti', 'mesto', 'mesta', 'vest', 'vesti', 'primer', 'uvek', 'nedelja', 'nedelje',
  ],
});

const WORD = /[\p{L}\p{M}]+/gu;

/** Languages whose distinctive words are compared with each other. */
export const WORD_GROUPS: readonly (readonly string[])[] = Object.freeze([
  ['ind', 'zsm'],
  ['hrv', 'bos', 'srp'],
  ['glg', 'por', 'spa'],
]);

/**
 * Which of `members` the text's distinctive words point to instead of `current`, or null when
 * they do not clearly point elsewhere: one member must lead (by two words, or by one when no
 * other member has any); when several lead together (ijekavian words are both Croatian and
 * Bosnian) and `current` is not among them, the first of them in `members` order.
 */
export function distinctiveWordChoice(text: string, members: readonly string[], current: string): { code: string; lead: number } | null {
  const lists = members.filter((member) => DISTINCTIVE_WORDS[member]);
  if (lists.length < 2) return null;
  const hits = distinctiveWordHits(text, lists);
  const most = Math.max(...hits.values());
  if (most === 0) return null;
  const leaders = lists.filter((member) => hits.get(member) === most);
  const currentHits = hits.get(current) ?? 0;
  if (leaders.includes(current)) return null;
  if (leaders.length > 1) return { code: leaders[0]!, lead: most - currentHits };
  const runnerUpHits = Math.max(0, ...lists.filter((member) => member !== leaders[0]).map((member) => hits.get(member) ?? 0));
  const lead = most - runnerUpHits;
  return lead >= 2 || (lead >= 1 && runnerUpHits === 0) ? { code: leaders[0]!, lead } : null;
}

/** How many of each member's distinctive words the text uses. */
export function distinctiveWordHits(text: string, members: readonly string[]): Map<string, number> {
  const sets = new Map(members.filter((member) => DISTINCTIVE_WORDS[member]).map((member) => [member, new Set(DISTINCTIVE_WORDS[member])]));
  const hits = new Map([...sets.keys()].map((member) => [member, 0]));
  if (sets.size === 0) return hits;
  for (const match of text.toLowerCase().matchAll(WORD)) {
    for (const [member, words] of sets) if (words.has(match[0])) hits.set(member, (hits.get(member) ?? 0) + 1);
  }
  return hits;
}

/** Whether the text's distinctive words single out `code` among `members` (it alone has the most). */
export function wordsConfirm(text: string, members: readonly string[], code: string): boolean {
  const hits = distinctiveWordHits(text, members);
  const own = hits.get(code) ?? 0;
  return own > 0 && [...hits].every(([member, count]) => member === code || count < own);
}
