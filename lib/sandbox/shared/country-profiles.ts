import type { SeededRandom } from "@/lib/sandbox/shared/seeded-random";

/** A given name / surname pair as written locally, with its Latin form where the script differs. */
export type LocalName = { given: string; surname: string; latinGiven?: string; latinSurname?: string };

export type CountryProfile = {
  code: string;
  name: string;
  weight: number;
  name_(random: SeededRandom): LocalName;
  address(random: SeededRandom): { street: string; city: string; state: string | null; postalCode: string };
  /** Mobile number as people type it in a profile: local formatting, sometimes without the country code. */
  mobile(random: SeededRandom): string;
};

const upper = (random: SeededRandom) => random.pick("ABCDEFGHJKLMNPRSTUVWXYZ".split(""));

const US_GIVEN = ["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth", "José", "María", "Nguyễn", "Aaliyah", "DeShawn", "Chloé", "Zoë", "Seán"];
const US_SURNAME = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "O'Brien", "McDonald", "Smith-Jones", "Van der Berg", "Nguyen", "Kim", "Washington"];
const US_CITIES: Array<[string, string, string]> = [["San Francisco", "CA", "941"], ["Austin", "TX", "787"], ["New York", "NY", "100"], ["Seattle", "WA", "981"], ["Chicago", "IL", "606"], ["Boston", "MA", "021"], ["Denver", "CO", "802"], ["Miami", "FL", "331"]];
const US_STREETS = ["Oak Street", "Maple Avenue", "Main St.", "Sunset Blvd", "Elm Street", "Park Ave", "Washington Road", "Lakeview Drive", "Pine Ct"];

const GB_GIVEN = ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia", "Siobhán", "Rhys", "Niamh", "Priya"];
const GB_SURNAME = ["Taylor", "Evans", "Thomas", "Roberts", "Wilson", "O'Connor", "Patel", "Ffrench", "Bowes-Lyon", "Llewellyn", "MacLeod"];
const GB_CITIES = ["London", "Manchester", "Cardiff", "Edinburgh", "Bristol", "Leeds", "Belfast"];

const DE_GIVEN = ["Jürgen", "Lukas", "Sophie", "Maximilian", "Lea", "Jörg", "Anna-Lena", "Björn", "Käthe", "Uwe", "Mehmet"];
const DE_SURNAME = ["Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Groß", "Meyer-Hoffmann", "von Bülow", "Schäfer", "Yılmaz", "Köhler"];
const DE_CITIES: Array<[string, string, string]> = [["Berlin", "Berlin", "10"], ["München", "Bayern", "80"], ["Köln", "Nordrhein-Westfalen", "50"], ["Hamburg", "Hamburg", "20"], ["Düsseldorf", "Nordrhein-Westfalen", "40"]];
const DE_STREETS = ["Hauptstraße", "Schillerstr.", "Goethestraße", "Bahnhofstraße", "Königsallee", "Lindenweg", "Mühlenstraße"];

const FR_GIVEN = ["Éloïse", "Amélie", "François", "Hélène", "Jérôme", "Léa", "Noël", "Maëlle", "Benoît", "Anaïs", "Jean-Baptiste", "Marie-Claire"];
const FR_SURNAME = ["Lefèvre", "Martin", "Bernard", "Dubois", "Durand", "Moreau", "Le Guen", "Fontaine", "Girard-Lemoine", "Bélanger", "D'Arcy"];
const FR_CITIES: Array<[string, string]> = [["Paris", "75"], ["Lyon", "69"], ["Marseille", "13"], ["Toulouse", "31"], ["Nantes", "44"], ["Strasbourg", "67"]];
const FR_STREETS = ["rue de la Paix", "avenue des Champs-Élysées", "boulevard Saint-Michel", "rue du Faubourg Saint-Honoré", "place Bellecour", "allée des Tilleuls"];

const ES_GIVEN = ["José Luis", "María José", "Javier", "Lucía", "Álvaro", "Sofía", "Íñigo", "Begoña", "Nuria"];
const ES_SURNAME = ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Muñoz", "Ibáñez", "de la Fuente"];
const ES_CITIES: Array<[string, string, string]> = [["Madrid", "Madrid", "28"], ["Barcelona", "Cataluña", "08"], ["Sevilla", "Andalucía", "41"], ["Bilbao", "País Vasco", "48"], ["València", "Comunitat Valenciana", "46"]];

const PL_GIVEN = ["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Wojciech", "Żaneta", "Grzegorz", "Zofia"];
const PL_SURNAME = ["Wiśniewski", "Kowalska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński", "Szymańska", "Dąbrowski", "Kowalczyk-Nowak"];
const PL_CITIES = ["Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań"];

const SE_GIVEN = ["Åsa", "Björn", "Märta", "Sören", "Linnéa", "Örjan", "Ingrid", "Elsa"];
const SE_SURNAME = ["Öberg", "Ångström", "Lindqvist", "Johansson", "Karlsson", "Sjöberg", "Nyström", "Bäckström"];
const SE_CITIES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås"];

const JP_NAMES: Array<[string, string]> = [["太郎", "Taro"], ["花子", "Hanako"], ["健", "Ken"], ["由美", "Yumi"], ["翔太", "Shota"], ["さくら", "Sakura"], ["大輔", "Daisuke"]];
const JP_SURNAMES: Array<[string, string]> = [["山田", "Yamada"], ["佐藤", "Sato"], ["鈴木", "Suzuki"], ["高橋", "Takahashi"], ["田中", "Tanaka"], ["伊藤", "Ito"], ["渡辺", "Watanabe"]];
const JP_CITIES: Array<[string, string, string]> = [["Shibuya-ku", "Tokyo", "150"], ["Minato-ku", "Tokyo", "105"], ["Osaka", "Osaka", "530"], ["Yokohama", "Kanagawa", "220"], ["Sapporo", "Hokkaido", "060"]];

const IN_GIVEN = ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Lakshmi", "Arjun", "Sneha", "S."];
const IN_SURNAME = ["Sharma", "Patel", "Reddy", "Iyer", "Gupta", "Nair", "Venkataraman", "Chatterjee", "Singh"];
const IN_CITIES: Array<[string, string, string]> = [["Bengaluru", "Karnataka", "560"], ["Mumbai", "Maharashtra", "400"], ["Chennai", "Tamil Nadu", "600"], ["Hyderabad", "Telangana", "500"], ["New Delhi", "Delhi", "110"]];

const BR_GIVEN = ["João", "Maria", "Luís", "Ana", "Gonçalo", "Beatriz", "Conceição", "Thiago"];
const BR_SURNAME = ["da Silva", "Santos", "Oliveira", "Souza", "Pereira", "Araújo", "Gonçalves", "dos Santos Costa", "Magalhães"];
const BR_CITIES: Array<[string, string, string]> = [["São Paulo", "SP", "01"], ["Rio de Janeiro", "RJ", "20"], ["Belo Horizonte", "MG", "30"], ["Curitiba", "PR", "80"], ["Florianópolis", "SC", "88"]];

const CA_GIVEN = ["Liam", "Emma", "Étienne", "Geneviève", "Noah", "Olivia", "Mathéo", "Aurélie"];
const CA_SURNAME = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "MacDonald", "Lévesque-Bergeron"];
const CA_CITIES: Array<[string, string, string]> = [["Montréal", "QC", "H"], ["Toronto", "ON", "M"], ["Vancouver", "BC", "V"], ["Québec", "QC", "G"], ["Calgary", "AB", "T"]];

/** Surnames composed of two family names, joined as people actually write them. */
function compound(random: SeededRandom, pool: string[], joiner: string): string {
  const first = random.pick(pool);
  let second = random.pick(pool);
  if (second === first) second = pool[(pool.indexOf(first) + 1) % pool.length]!;
  return `${first}${joiner}${second}`;
}

export const COUNTRY_PROFILES: CountryProfile[] = [
  {
    code: "US",
    name: "United States",
    weight: 34,
    name_: (random) => ({ given: random.pick(US_GIVEN), surname: random.chance(0.05) ? compound(random, US_SURNAME, "-") : random.pick(US_SURNAME) }),
    address: (random) => {
      const [city, state, zip] = random.pick(US_CITIES);
      const unit = random.chance(0.2) ? `, Apt ${random.int(1, 40)}${upper(random)}` : "";
      return { street: `${random.int(1, 9999)} ${random.pick(US_STREETS)}${unit}`, city, state, postalCode: `${zip}${random.digits(2)}${random.chance(0.15) ? `-${random.digits(4)}` : ""}` };
    },
    mobile: (random) => random.pick([`+1 (415) 555-${random.digits(4)}`, `(212) 555-${random.digits(4)}`, `+1 512 555 ${random.digits(4)}`, `206.555.${random.digits(4)}`]),
  },
  {
    code: "GB",
    name: "United Kingdom",
    weight: 10,
    name_: (random) => ({ given: random.pick(GB_GIVEN), surname: random.pick(GB_SURNAME) }),
    address: (random) => ({
      street: `${random.int(1, 220)} ${random.pick(["High Street", "Church Lane", "Victoria Road", "Station Road", "Queen's Drive"])}`,
      city: random.pick(GB_CITIES),
      state: null,
      postalCode: `${upper(random)}${upper(random)}${random.int(1, 20)} ${random.int(1, 9)}${upper(random)}${upper(random)}`,
    }),
    mobile: (random) => random.pick([`+44 7700 900${random.digits(3)}`, `07700 900${random.digits(3)}`, `+447700900${random.digits(3)}`]),
  },
  {
    code: "DE",
    name: "Germany",
    weight: 10,
    name_: (random) => ({ given: random.pick(DE_GIVEN), surname: random.pick(DE_SURNAME) }),
    address: (random) => {
      const [city, state, prefix] = random.pick(DE_CITIES);
      return { street: `${random.pick(DE_STREETS)} ${random.int(1, 180)}${random.chance(0.1) ? "a" : ""}`, city, state, postalCode: `${prefix}${random.digits(3)}` };
    },
    mobile: (random) => random.pick([`+49 151 ${random.digits(8)}`, `0151 ${random.digits(4)} ${random.digits(4)}`, `+49 (0) 170 ${random.digits(7)}`]),
  },
  {
    code: "FR",
    name: "France",
    weight: 8,
    name_: (random) => ({ given: random.pick(FR_GIVEN), surname: random.pick(FR_SURNAME) }),
    address: (random) => {
      const [city, department] = random.pick(FR_CITIES);
      return { street: `${random.int(1, 140)}${random.chance(0.1) ? " bis" : ""} ${random.pick(FR_STREETS)}`, city, state: null, postalCode: `${department}0${random.digits(2)}` };
    },
    mobile: (random) => random.pick([`+33 6 ${random.digits(2)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`, `06 ${random.digits(2)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`, `+33 (0)7 ${random.digits(8)}`]),
  },
  {
    code: "ES",
    name: "Spain",
    weight: 6,
    // Spanish naming: two surnames (paternal + maternal), separated by a space.
    name_: (random) => ({ given: random.pick(ES_GIVEN), surname: compound(random, ES_SURNAME, " ") }),
    address: (random) => {
      const [city, state, prefix] = random.pick(ES_CITIES);
      return { street: `Calle ${random.pick(["Mayor", "de Alcalá", "Gran Vía", "del Prado", "San Fernando"])}, ${random.int(1, 120)}, ${random.int(1, 8)}º ${upper(random)}`, city, state, postalCode: `${prefix}${random.digits(3)}` };
    },
    mobile: (random) => random.pick([`+34 6${random.digits(2)} ${random.digits(3)} ${random.digits(3)}`, `6${random.digits(8)}`]),
  },
  {
    code: "PL",
    name: "Poland",
    weight: 5,
    name_: (random) => ({ given: random.pick(PL_GIVEN), surname: random.pick(PL_SURNAME) }),
    address: (random) => ({ street: `ul. ${random.pick(["Marszałkowska", "Długa", "Żeromskiego", "Piotrkowska", "Świętokrzyska"])} ${random.int(1, 150)}/${random.int(1, 60)}`, city: random.pick(PL_CITIES), state: null, postalCode: `${random.digits(2)}-${random.digits(3)}` }),
    mobile: (random) => random.pick([`+48 ${random.digits(3)} ${random.digits(3)} ${random.digits(3)}`, `${random.digits(3)}-${random.digits(3)}-${random.digits(3)}`]),
  },
  {
    code: "SE",
    name: "Sweden",
    weight: 4,
    name_: (random) => ({ given: random.pick(SE_GIVEN), surname: random.pick(SE_SURNAME) }),
    address: (random) => ({ street: `${random.pick(["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Sveavägen"])} ${random.int(1, 90)}`, city: random.pick(SE_CITIES), state: null, postalCode: `${random.digits(3)} ${random.digits(2)}` }),
    mobile: (random) => random.pick([`+46 70 ${random.digits(3)} ${random.digits(2)} ${random.digits(2)}`, `070-${random.digits(3)} ${random.digits(2)} ${random.digits(2)}`]),
  },
  {
    code: "JP",
    name: "Japan",
    weight: 6,
    name_: (random) => {
      const [given, latinGiven] = random.pick(JP_NAMES);
      const [surname, latinSurname] = random.pick(JP_SURNAMES);
      return { given, surname, latinGiven, latinSurname };
    },
    address: (random) => {
      const [city, state, prefix] = random.pick(JP_CITIES);
      return { street: `${random.int(1, 9)}-${random.int(1, 30)}-${random.int(1, 20)} ${random.pick(["Jingumae", "Roppongi", "Umeda", "Minatomirai", "Kita 3-jo"])}`, city, state, postalCode: `${prefix}-${random.digits(4)}` };
    },
    mobile: (random) => random.pick([`+81 90-${random.digits(4)}-${random.digits(4)}`, `090-${random.digits(4)}-${random.digits(4)}`, `+81 80 ${random.digits(4)} ${random.digits(4)}`]),
  },
  {
    code: "IN",
    name: "India",
    weight: 7,
    name_: (random) => ({ given: random.pick(IN_GIVEN), surname: random.pick(IN_SURNAME) }),
    address: (random) => {
      const [city, state, prefix] = random.pick(IN_CITIES);
      return { street: `${random.int(1, 400)}, ${random.pick(["MG Road", "4th Cross, Indiranagar", "Anna Salai", "Linking Road, Bandra West", "Jubilee Hills Road No. 36"])}`, city, state, postalCode: `${prefix}${random.digits(3)}` };
    },
    mobile: (random) => random.pick([`+91 98${random.digits(3)} ${random.digits(5)}`, `098${random.digits(8)}`, `+91-97${random.digits(8)}`]),
  },
  {
    code: "BR",
    name: "Brazil",
    weight: 5,
    name_: (random) => ({ given: random.pick(BR_GIVEN), surname: random.chance(0.5) ? compound(random, BR_SURNAME, " ") : random.pick(BR_SURNAME) }),
    address: (random) => {
      const [city, state, prefix] = random.pick(BR_CITIES);
      return { street: `${random.pick(["Rua Augusta", "Avenida Paulista", "Rua das Flores", "Avenida Atlântica", "Travessa São José"])}, ${random.int(1, 3000)}`, city, state, postalCode: `${prefix}${random.digits(3)}-${random.digits(3)}` };
    },
    mobile: (random) => random.pick([`+55 11 9${random.digits(4)}-${random.digits(4)}`, `(21) 9${random.digits(4)}-${random.digits(4)}`]),
  },
  {
    code: "CA",
    name: "Canada",
    weight: 5,
    name_: (random) => ({ given: random.pick(CA_GIVEN), surname: random.pick(CA_SURNAME) }),
    address: (random) => {
      const [city, province, letter] = random.pick(CA_CITIES);
      return { street: `${random.int(1, 9999)} ${random.pick(["Rue Sainte-Catherine O.", "Yonge Street", "Robson St", "Boulevard René-Lévesque", "17 Ave SW"])}`, city, state: province, postalCode: `${letter}${random.int(1, 9)}${upper(random)} ${random.int(1, 9)}${upper(random)}${random.int(1, 9)}` };
    },
    mobile: (random) => random.pick([`+1 514-555-${random.digits(4)}`, `(416) 555-${random.digits(4)}`]),
  },
];

const TOTAL_WEIGHT = COUNTRY_PROFILES.reduce((sum, profile) => sum + profile.weight, 0);

export function pickCountry(random: SeededRandom): CountryProfile {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const profile of COUNTRY_PROFILES) {
    roll -= profile.weight;
    if (roll < 0) return profile;
  }
  return COUNTRY_PROFILES[0]!;
}
