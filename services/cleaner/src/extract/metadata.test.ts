import { describe, expect, it } from 'vitest';
import { bylineInText, chooseAuthors, cleanAuthors, creditInLine, hostedBlogOwner, nameBesideDate, personalSiteOwner, portraitName, signatureName } from './authors';
import { isGivenName } from './given-names';
import { chooseTitle, cleanTitle, parseJsonLd } from './metadata';

const site = (siteName?: string, domain?: string, brands: string[] = []) => ({ siteName, domain, brands });

describe('cleanTitle', () => {
  it('removes suffixes and prefixes that name the site or its domain', () => {
    expect(cleanTitle('Harbour bridge reopens | Coastal Herald', site('Coastal Herald'))).toBe('Harbour bridge reopens');
    expect(cleanTitle('Harbour bridge reopens - herald.example', site(undefined, 'herald.example'))).toBe('Harbour bridge reopens');
    expect(cleanTitle('Coastal Herald: Harbour bridge reopens after repair', site('Coastal Herald'))).toBe('Harbour bridge reopens after repair');
  });

  it('keeps a suffix that is an attribution rather than the site', () => {
    const title = 'Kim at Meeting With Xi Says North Korean-Chinese Friendship Unbreakable - State Media';
    expect(cleanTitle(title, site('Sputnik Globe', 'sputnikglobe.com'))).toBe(title);
  });
});

describe('chooseTitle', () => {
  it('prefers the page headline when the declared titles agree with it', () => {
    const chosen = chooseTitle({ h1: ['Harbour bridge reopens'], titledHeadings: [], brandHeadings: [], htmlTitle: 'Harbour bridge reopens – News – Coastal Herald' }, 'Coastal Herald', 'herald.example');
    expect(chosen).toEqual({ title: 'Harbour bridge reopens', titleFull: 'Harbour bridge reopens – News – Coastal Herald' });
  });

  it('never takes the blog name in a home-linked heading for the headline', () => {
    const chosen = chooseTitle({ h1: [], titledHeadings: ['Nebelsuppe.'], brandHeadings: ['Das Leben, der Meister und ich'], htmlTitle: 'Nebelsuppe. | Das Leben, der Meister und ich' }, undefined, 'creeny.example');
    expect(chosen.title).toBe('Nebelsuppe.');
  });
});

describe('cleanAuthors', () => {
  it('drops "By"/"Von", job titles and duplicates, and splits several names', () => {
    expect(cleanAuthors(['By Jane Doe and John Roe, Staff Writer', 'jane doe'])).toEqual(['Jane Doe', 'John Roe']);
    expect(cleanAuthors(['Von Erika Mustermann und Max Muster'])).toEqual(['Erika Mustermann', 'Max Muster']);
  });

  it('drops dates, links, comment-form labels and company names', () => {
    expect(cleanAuthors(['Jane Doe, 12.03.2024 14:00'])).toEqual(['Jane Doe']);
    expect(cleanAuthors(['https://www.facebook.com/someone'])).toEqual([]);
    expect(cleanAuthors(['Name *'])).toEqual([]);
    expect(cleanAuthors(['Frankfurter Allgemeine Zeitung GmbH'])).toEqual([]);
    expect(cleanAuthors(['Veröffentlicht von Cem Basman'])).toEqual(['Cem Basman']);
  });

  it('keeps one-word user handles, also with digits, but not initials beside a full name', () => {
    expect(cleanAuthors(['freeman1984'])).toEqual(['freeman1984']);
    expect(cleanAuthors(['Tina Klostermeier', 'TK'])).toEqual(['Tina Klostermeier']);
    expect(cleanAuthors(['Christoph Hein Chefredakteur'])).toEqual(['Christoph Hein']);
    expect(cleanAuthors(['Donnerstag'])).toEqual([]);
  });

  it('drops the site name given as author', () => {
    expect(cleanAuthors(['Coastal Herald'], 'Coastal Herald')).toEqual([]);
  });
});

describe('chooseTitle: headings and unknown site names', () => {
  it('takes the headline even when its box is styled like the site brand', () => {
    const headline = 'Parity in Tunisia: below the world average';
    const chosen = chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [headline, 'Opinion'], headline, htmlTitle: `${headline} | La Presse` }, 'La Presse', 'lapresse.example');
    expect(chosen.title).toBe(headline);
  });

  it('prefers the heading equal to the declared title over a generic heading the title contains', () => {
    const chosen = chooseTitle({ h1: ['Navigation', 'detail', 'Local elections in North Macedonia'], titledHeadings: [], brandHeadings: [], ogTitle: 'Local elections in North Macedonia', htmlTitle: 'Some Foundation - detail' }, undefined, 'foundation.example');
    expect(chosen.title).toBe('Local elections in North Macedonia');
  });

  it('drops a short last segment after a strong separator when nothing names the site', () => {
    expect(chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [], htmlTitle: 'Alles Neue mach der Mai… | Bibliothek 2.0 und mehr' }, undefined, 'blog.example').title).toBe('Alles Neue mach der Mai…');
    expect(chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [], htmlTitle: 'Gefahrstoffmanagement für Hersteller :: Qualisys' }, undefined, undefined).title).toBe('Gefahrstoffmanagement für Hersteller');
  });

  it('keeps dashed parts that belong to the headline', () => {
    const title = 'Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?';
    expect(chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [], htmlTitle: title }, undefined, 'achgut.example').title).toBe(title);
    expect(chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [], htmlTitle: 'Office 365 – HBDI – die Dritte' }, undefined, undefined).title).toBe('Office 365 – HBDI – die Dritte');
  });
});

describe('chooseTitle: the page headline', () => {
  it('takes the single <h1> readers see over a declared title written for search engines', () => {
    const chosen = chooseTitle({ h1: ['Flächenverbrauch für Fleisch – Warum wir weniger Ackerland bräuchten'], titledHeadings: ['Ähnliche Beiträge'], brandHeadings: [], ogTitle: 'Flächenverbrauch für Fleisch, Milch und Eier • CareElite', htmlTitle: 'Flächenverbrauch für Fleisch, Milch und Eier • CareElite' }, 'CareElite', 'careelite.example');
    expect(chosen.title).toBe('Flächenverbrauch für Fleisch – Warum wir weniger Ackerland bräuchten');
  });

  it('keeps a headline that mentions the site, and ignores a site name that is the page title', () => {
    expect(chooseTitle({ h1: ['Wir sind NEOS'], titledHeadings: [], brandHeadings: [], ogTitle: 'Wir sind NEOS', htmlTitle: 'Wir sind NEOS - NEOS' }, 'Start', 'neos.example').title).toBe('Wir sind NEOS');
    expect(chooseTitle({ h1: ['US-Sport in Zeiten von Corona'], titledHeadings: ['Auch interessant'], brandHeadings: [], ogTitle: 'US-Sport in Zeiten von Corona', htmlTitle: 'US-Sport in Zeiten von Corona - ZDFmediathek' }, 'US-Sport in Zeiten von Corona - ZDFmediathek', 'zdf.example').title).toBe('US-Sport in Zeiten von Corona');
  });

  it('does not cut a headline segment that only mentions the site name', () => {
    const chosen = chooseTitle({ h1: [], titledHeadings: [], brandHeadings: [], ogTitle: 'Tote Hummeln unter Linden: Die Erklärung | Hummeln', htmlTitle: 'Tote Hummeln unter Linden: Die Erklärung | Hummeln' }, 'Hummeln', 'hummelschutz.example');
    expect(chosen.title).toBe('Tote Hummeln unter Linden: Die Erklärung');
  });

  it('never takes page furniture ("Home", "Blog Archive") for the headline', () => {
    expect(chooseTitle({ h1: ['Time to say goodbye.'], titledHeadings: [], brandHeadings: [], htmlTitle: 'Home' }, undefined, 'pc.example').title).toBe('Time to say goodbye.');
  });
});

describe('cleanAuthors, more byline forms', () => {
  it('strips stacked and glued labels, and words glued to the name', () => {
    expect(cleanAuthors(['Von FOCUS-Online-Experte Robin Tschöpe'])).toEqual(['Robin Tschöpe']);
    expect(cleanAuthors(['AuthorAndreas Kalt'])).toEqual(['Andreas Kalt']);
    expect(cleanAuthors(['Publié par Jean Dupont'])).toEqual(['Jean Dupont']);
    expect(cleanAuthors(['Fritz ImhofQuelle: Livenet'])).toEqual(['Fritz Imhof']);
    expect(cleanAuthors(['Birgit Posselt Über Autorenseite'])).toEqual(['Birgit Posselt']);
    expect(cleanAuthors(['KleineGrüneMonster'])).toEqual(['KleineGrüneMonster']);
  });

  it('decodes entities left in JSON-LD strings', () => {
    expect(cleanAuthors(['Ren&eacute; Dupont'])).toEqual(['René Dupont']);
  });

  it('drops placeholders, labels, theme credits and organisations with their descriptions', () => {
    expect(cleanAuthors(['No Author'])).toEqual([]);
    expect(cleanAuthors(['null'])).toEqual([]);
    expect(cleanAuthors(['Publiziert am'])).toEqual([]);
    expect(cleanAuthors(['Published by'])).toEqual([]);
    expect(cleanAuthors(['Jane Doe - http://janedoe.example'])).toEqual([]);
    expect(cleanAuthors(['Peter Muster und Fuchsy designed'])).toEqual([]);
    expect(cleanAuthors(['Bayerische Landesanstalt für Wald und Forstwirtschaft'])).toEqual([]);
    expect(cleanAuthors(['Suedtirol Online'])).toEqual([]);
    expect(cleanAuthors(['deinen Hochzeitsbloggern'])).toEqual([]);
    expect(cleanAuthors(['stol.it'])).toEqual([]);
  });
});

describe('bylineInText', () => {
  it('finds the name after von/by, in capitals too, and after an "Autor:" label', () => {
    expect(bylineInText('VON MORITZ GATHMANN am 21. April 2020')).toBe('MORITZ GATHMANN');
    expect(bylineInText('05.02.2020 - Autor: Eberhard Fuhr (Pressesprecher)')).toBe('Eberhard Fuhr');
  });

  it('takes a lower-case handle only right before a date or the end', () => {
    expect(bylineInText('Gespeichert von rasos am 24. Juli 2017 - 18:55')).toBe('rasos');
    expect(bylineInText('Publiziert am 13. Januar 2014 von uriebe')).toBe('uriebe');
    expect(bylineInText('Ein Satz von oben herab')).toBeUndefined();
  });

  it('skips editors and photographers', () => {
    expect(bylineInText('Revised Edition Edited by Adrian Parr')).toBeUndefined();
    expect(bylineInText('Photos by Jane Doe')).toBeUndefined();
  });
});

describe('chooseAuthors', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], meta: new Map<string, string>(), bylines: [], bodyBylines: [], metaLines: [], site: site() };

  it('takes JSON-LD persons over a conflicting author meta tag', () => {
    expect(chooseAuthors({ ...base, ldAuthors: ['Marie Merlet'], meta: new Map([['author', 'Prisma Média']]) })).toEqual(['Marie Merlet']);
  });

  it('takes a declared list that repeats the JSON-LD author and adds co-authors', () => {
    expect(chooseAuthors({ ...base, ldAuthors: ['Sadhbh O’Sullivan'], meta: new Map([['author', 'Sadhbh O’Sullivan,Elisabeth Kochan']]) })).toEqual(['Sadhbh O’Sullivan', 'Elisabeth Kochan']);
  });

  it('writes out a handle as the name a byline gives for it', () => {
    expect(chooseAuthors({ ...base, ldAuthors: ['arianschlichenmayer'], bylines: ['von Arian Schlichenmayer'] })).toEqual(['Arian Schlichenmayer']);
    expect(chooseAuthors({ ...base, meta: new Map([['article:author', 'gabor_munier']]), metaLines: ['Autor: Gàbor Muniér, Datum: 03.03.19'] })).toEqual(['Gàbor Muniér']);
  });

  it('skips the site brand, social handles and vendor-less tags, and falls back to the byline', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Die FURCHE']]), bylines: ['Ursula Baatz'], site: site('Achtsam | Die FURCHE', 'furche.at') })).toEqual(['Ursula Baatz']);
    expect(chooseAuthors({ ...base, meta: new Map([['article:author', '@NatGeoUK']]), bylines: ['By Michael Hingston'] })).toEqual(['Michael Hingston']);
    expect(chooseAuthors({ ...base, meta: new Map([['cxenseparse:author', 'Lisa Petrich']]) })).toEqual(['Lisa Petrich']);
  });

  it('keeps a person named like the domain: personal sites carry their author’s name', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['shareaholic:article_author_name', 'Wolfgang Michal']]), site: site(undefined, 'wolfgangmichal.de') })).toEqual(['Wolfgang Michal']);
    expect(chooseAuthors({ ...base, bylines: ['creeny'], site: site(undefined, 'creeny.wordpress.com') })).toEqual(['creeny']);
  });

  it('reads a name out of a dated byline element', () => {
    expect(chooseAuthors({ ...base, bylines: ['Posted on September 21, 2020 by Adi Tzlil'] })).toEqual(['Adi Tzlil']);
  });

  it('writes out a first name as the full name another source gives, but not a byline running into its category', () => {
    expect(chooseAuthors({ ...base, ldAuthors: ['Todd'], bylines: ['Autor: Todd Bates'] })).toEqual(['Todd Bates']);
    expect(chooseAuthors({ ...base, ldAuthors: ['Henry'], bylines: ['Henry In Aktuell'] })).toEqual(['Henry']);
    expect(chooseAuthors({ ...base, ldAuthors: ['Todd'], bylines: ['Autor: Jane Bates'] })).toEqual(['Todd']);
  });
});

describe('creditInLine', () => {
  const hessenschau = site('hessenschau.de', 'hessenschau.de');

  it('reads agency and source credits as written', () => {
    expect(creditInLine('Quelle: hessenschau.de/bb', hessenschau)).toBe('hessenschau.de/bb');
    expect(creditInLine('Quelle: MDR THÜRINGEN/ls', site('MDR', 'mdr.de'))).toBe('MDR THÜRINGEN/ls');
    expect(creditInLine('(FR mit dpa)', site())).toBe('FR mit dpa');
    expect(creditInLine('© 2012 APA/AP', site())).toBe('APA/AP');
    expect(creditInLine('dpa/lno', site())).toBe('dpa/lno');
    expect(creditInLine('AFP/The Local', site('The Local', 'thelocal.se'))).toBe('AFP/The Local');
  });

  it('rejects the site alone, the newsroom, quoted sources and brackets that name no agency', () => {
    expect(creditInLine('Quelle: hessenschau.de', hessenschau)).toBeUndefined();
    expect(creditInLine('Quelle: (Strato)', site())).toBeUndefined();
    expect(creditInLine('(red)', site())).toBeUndefined();
    expect(creditInLine('Quelle: Redaktion', site())).toBeUndefined();
    expect(creditInLine('(siehe Grafik)', site())).toBeUndefined();
    expect(creditInLine('© 2021 Jane Doe', site())).toBeUndefined();
  });
});

describe('chooseAuthors: credited organisations', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], meta: new Map<string, string>(), bylines: [], bodyBylines: [], metaLines: [], site: site('Coastal Herald', 'herald.example') };

  it('keeps a JSON-LD Organization author; the publisher or the site only as the last resort', () => {
    expect(chooseAuthors({ ...base, ldOrganisations: ['Deutsche Presse-Agentur'], publisher: 'Coastal Herald Media' })).toEqual(['Deutsche Presse-Agentur']);
    expect(chooseAuthors({ ...base, ldOrganisations: ['Coastal Herald'] })).toEqual(['Coastal Herald']);
    expect(chooseAuthors({ ...base, ldOrganisations: ['Herald Media GmbH'], publisher: 'Herald Media GmbH', creditLines: ['(dpa)'] })).toEqual(['dpa']);
  });

  it('takes a credit line only when no person is named', () => {
    expect(chooseAuthors({ ...base, creditLines: ['(dpa)'] })).toEqual(['dpa']);
    expect(chooseAuthors({ ...base, bylines: ['Von Jane Doe'], creditLines: ['(dpa)'], ldOrganisations: ['Reuters'] })).toEqual(['Jane Doe']);
    expect(chooseAuthors({ ...base, meta: new Map([['og:article:author', 'AFP/Coastal Herald']]) })).toEqual(['AFP/Coastal Herald']);
  });
});

describe('nameBesideDate', () => {
  it('reads a person named on the date line by the headline, and nothing else', () => {
    expect(nameBesideDate('11.12.2019 - Amelie Loevenich')).toBe('Amelie Loevenich');
    expect(nameBesideDate('1. Februar 2022 , Daniel Dillenburg')).toBe('Daniel Dillenburg');
    expect(nameBesideDate('03.02.2022 15:34')).toBeUndefined();
    expect(nameBesideDate('Hamburg, 2. November 2021')).toBeUndefined();
    expect(nameBesideDate('Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45')).toBe('Pamela Sladky');
    expect(nameBesideDate('Ein Artikel von | 27.01.2022 - 12:45')).toBeUndefined();
  });
});

describe('cleanAuthors: what is not a person', () => {
  it('drops CMS defaults, newsroom credits, stock-photo credits, file names and markup debris', () => {
    for (const raw of ['publisher', 'Super User', 'Article by', 'anónimo', 'TVT-Redaktion', 'Redacción EC', 'Pixabay', 'stunnel_rsync.html', 'a>']) expect(cleanAuthors([raw])).toEqual([]);
  });

  it('keeps initials and undoubles a name glued to its hidden copy', () => {
    expect(cleanAuthors(['LD'])).toEqual(['LD']);
    expect(cleanAuthors(["Kristen Falc'honKristen Falc'hon"])).toEqual(["Kristen Falc'hon"]);
  });
});

describe('chooseAuthors: Yoast Twitter labels', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], bylines: [], bodyBylines: [], metaLines: [], site: site('Fräulein Herr', 'frolleinherr.example') };
  it('reads the author from a "Verfasst von" / "Written by" label pair, and nothing from other pairs', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['twitter:label1', 'Verfasst von'], ['twitter:data1', 'Karoline Herr']]) })).toEqual(['Karoline Herr']);
    expect(chooseAuthors({ ...base, meta: new Map([['twitter:label1', 'Geschätzte Lesezeit'], ['twitter:data1', '3 Minuten']]) })).toEqual([]);
    expect(chooseAuthors({ ...base, meta: new Map([['twitter:label1', 'Written by'], ['twitter:data1', 'Redaktion']]) })).toEqual(['Redaktion']);
  });
});

describe('chooseAuthors: a newsroom or the publisher credited as the author', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], meta: new Map<string, string>(), bylines: [], bodyBylines: [], metaLines: [], site: site('Coastal Herald', 'coastal-herald.example') };
  it('keeps the credit as written when the page names no person', () => {
    expect(chooseAuthors({ ...base, bylines: ['By Staff Writer'] })).toEqual(['Staff Writer']);
    expect(chooseAuthors({ ...base, bylines: ['von Redaktion, '] })).toEqual(['Redaktion']);
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Coastal Herald Redaktion']]) })).toEqual(['Coastal Herald Redaktion']);
    expect(chooseAuthors({ ...base, ldOrganisations: ['CoastalHerald GmbH, Harbourtown, Germany'] })).toEqual(['CoastalHerald GmbH']);
  });
  it('prefers any person, and never takes accounts, CMS defaults or several credits joined by a slash', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Redaktion']]), bylines: ['Von Jane Doe'] })).toEqual(['Jane Doe']);
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'facebook.com/coastalherald']]) })).toEqual([]);
    expect(chooseAuthors({ ...base, bylines: ['Coastal Herald /PP'] })).toEqual([]);
    expect(chooseAuthors({ ...base, bylines: ['admin'] })).toEqual([]);
    expect(chooseAuthors({ ...base, bylines: ['Kontakt zur Redaktion und zum Verlag der Zeitung'] })).toEqual([]);
  });
  it('reads a person next to a contact address, but not from a site-wide default that names the site', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Jane Doe jane@coastal-herald.example']]) })).toEqual(['Jane Doe']);
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Jane Doe, John Roe coastal-herald, Germany']]), bylines: ['Andreas R.'] })).toEqual(['Andreas R']);
  });
  it('names a hosted blog by its owner’s account before its declared title', () => {
    expect(chooseAuthors({ ...base, meta: new Map([['author', 'Das Mitternachtskabinett']]), site: site('Das Mitternachtskabinett', 'mitternachtskabinett.wordpress.com') })).toEqual(['mitternachtskabinett']);
  });
});

describe('hostedBlogOwner', () => {
  it('reads the owner account of a hosted blog, and nothing from other domains', () => {
    expect(hostedBlogOwner('zahlenzauberin.wordpress.com')).toBe('zahlenzauberin');
    expect(hostedBlogOwner('plentylife.blogspot.de')).toBe('plentylife');
    expect(hostedBlogOwner('wordpress.com')).toBeUndefined();
    expect(hostedBlogOwner('news.example.com')).toBeUndefined();
  });

  it('is the author of last resort on a hosted blog without any byline', () => {
    expect(chooseAuthors({ ldAuthors: [], pageLdAuthors: [], meta: new Map(), bylines: [], bodyBylines: [], metaLines: [], site: site(undefined, 'zahlenzauberin.wordpress.com') })).toEqual(['zahlenzauberin']);
    expect(chooseAuthors({ ldAuthors: [], pageLdAuthors: [], meta: new Map(), bylines: ['Jane Doe'], bodyBylines: [], metaLines: [], site: site(undefined, 'zahlenzauberin.wordpress.com') })).toEqual(['Jane Doe']);
  });
});

describe('parseJsonLd: Person names', () => {
  const article = (author: object) => [JSON.stringify({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'A', author })];

  it('takes the surname from the bio of a Person named by first name only', () => {
    expect(parseJsonLd(article({ '@type': 'Person', name: 'Nils', description: 'Nils Pickert ist freier Autor und Journalist.' })).article?.authors).toEqual(['Nils Pickert']);
    expect(parseJsonLd(article({ '@type': 'Person', name: 'Stefanus', description: 'Stefanus Stahl - Maschinenbauer und Abenteurer.' })).article?.authors).toEqual(['Stefanus Stahl']);
  });

  it('keeps the name when the bio does not open with it or the name is already full', () => {
    expect(parseJsonLd(article({ '@type': 'Person', name: 'Nils', description: 'Ich schreibe über Väter.' })).article?.authors).toEqual(['Nils']);
    expect(parseJsonLd(article({ '@type': 'Person', name: 'Nils', description: 'Nils ist freier Autor.' })).article?.authors).toEqual(['Nils']);
    expect(parseJsonLd(article({ '@type': 'Person', name: 'Jane Doe', description: 'Jane Doe Smith writes.' })).article?.authors).toEqual(['Jane Doe']);
  });
});

describe('signatureName', () => {
  it('takes a line that is only a person’s name, with a date or a dash', () => {
    expect(signatureName('Marina Mucha')).toBe('Marina Mucha');
    expect(signatureName('– David Dunkley')).toBe('David Dunkley');
    expect(signatureName('Hans-Peter Roth, 10. September 2017')).toBe('Hans-Peter Roth');
  });
  it('rejects title-case phrases and names that do not start with a given name', () => {
    for (const line of ['Weitere Informationen', 'Mehr Zum Thema', 'Stefan', 'Bitte beachten Sie die Hinweise']) expect(signatureName(line)).toBeUndefined();
  });
});

describe('isGivenName', () => {
  it('knows given names of the corpus languages, also hyphenated, and not common words', () => {
    for (const name of ['Stefan', 'Marina', 'André', 'Hans-Peter', 'Gregory']) expect(isGivenName(name)).toBe(true);
    for (const word of ['Weitere', 'Valley', 'Informationen']) expect(isGivenName(word)).toBe(false);
  });
});

describe('personalSiteOwner', () => {
  it('names the owner of a site named after a person, by title, possessive or a spelled-out domain', () => {
    expect(personalSiteOwner(['Dr. Alexander Klier'], 'www.alexander-klier.net')).toBe('Alexander Klier');
    expect(personalSiteOwner([undefined, "Gregory Szorc's Digital Home", 'Python 3'], 'gregoryszorc.com')).toBe('Gregory Szorc');
    expect(personalSiteOwner(['Jane Doe'], 'jane-doe.example')).toBe('Jane Doe');
  });
  it('ignores brands named like a person and persons the domain does not name', () => {
    expect(personalSiteOwner(['Royal Road'], 'www.royalroad.com')).toBeUndefined();
    expect(personalSiteOwner(['Dr. Jane Doe'], 'health-news.example')).toBeUndefined();
    expect(personalSiteOwner(['Stardew Valley Wiki'], 'stardewvalleywiki.com')).toBeUndefined();
  });
});

describe('chooseAuthors: account handles written out', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], meta: new Map<string, string>(), bylines: [], bodyBylines: [], metaLines: [], site: site(undefined, 'news.example') };
  it('writes a handle as the name the page spells it with, or as given name and surname', () => {
    expect(chooseAuthors({ ...base, site: site('Sprachpunkt', 'alexanderlasch.wordpress.com'), meta: new Map([['msapplication-tooltip', 'Alexander Lasch']]) })).toEqual(['Alexander Lasch']);
    expect(chooseAuthors({ ...base, site: site('C.Habermueller', 'chabermu.wordpress.com') })).toEqual(['C.Habermueller']);
    expect(chooseAuthors({ ...base, bylines: ['robert.stitz'] })).toEqual(['Robert Stitz']);
  });
  it('keeps the handle when nothing spells it as a person', () => {
    expect(chooseAuthors({ ...base, site: site('The Big Bone', 'thebigbone.wordpress.com') })).toEqual(['thebigbone']);
    expect(chooseAuthors({ ...base, site: site('Zahlenzauberin', 'zahlenzauberin.wordpress.com') })).toEqual(['zahlenzauberin']);
    expect(chooseAuthors({ ...base, bylines: ['tech.team'] })).toEqual(['tech.team']);
  });
});

describe('portraitName', () => {
  it('reads the person a portrait names, without the picture words', () => {
    expect(portraitName('Profile picture for user Anna Galazka')).toBe('Anna Galazka');
    expect(portraitName('Annette Henkel Portrait')).toBe('Annette Henkel');
    expect(portraitName('Author: Julia Franz')).toBe('Julia Franz');
  });
  it('rejects alt texts that are not a person', () => {
    for (const alt of ['Gravatar', 'Author Bilder', 'incurvy Autorin', 'Redaktion MSM', 'Picture of the author']) expect(portraitName(alt)).toBeUndefined();
  });
});

describe('chooseAuthors: fuller visible bylines and bylines on the date line', () => {
  const base = { ldAuthors: [], pageLdAuthors: [], meta: new Map<string, string>(), bylines: [], bodyBylines: [], metaLines: [], site: site(undefined, 'news.example') };
  it('takes a visible byline that repeats the declared author and adds persons', () => {
    expect(chooseAuthors({ ...base, ldAuthors: ['Rudolf Fischer'], bylines: ['von Rudolf Fischer, Simon Kohler'] })).toEqual(['Rudolf Fischer', 'Simon Kohler']);
    expect(chooseAuthors({ ...base, ldAuthors: ['Rudolf Fischer'], bylines: ['von Rudolf Fischer, Hamburg'] })).toEqual(['Rudolf Fischer']);
    expect(chooseAuthors({ ...base, ldAuthors: ['Rudolf Fischer'], bylines: ['von Jane Doe, Simon Kohler'] })).toEqual(['Rudolf Fischer']);
  });
  it('reads "von Name" on the date line by the headline, whole words only', () => {
    expect(chooseAuthors({ ...base, headlineLines: { bylines: [], dateLines: ['06.11.2023 13:30 von Olga'] } })).toEqual(['Olga']);
    expect(chooseAuthors({ ...base, headlineLines: { bylines: [], dateLines: ['06.11.2023 13:30 von Marianne1'] } })).toEqual([]);
    expect(chooseAuthors({ ...base, headlineLines: { bylines: [], dateLines: ['06.11.2023 von Hamburg nach Kiel'] } })).toEqual([]);
  });
});
