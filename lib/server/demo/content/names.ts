import "server-only";

export type DemoLanguage = "en" | "es" | "fr" | "de" | "pt" | "nl" | "it" | "pl" | "ja" | "ar" | "ru" | "hi" | "zh" | "ko";

/** First and last names that can be combined freely within one culture (Latin script). */
export type NamePool = { language: DemoLanguage; firstNames: readonly string[]; lastNames: readonly string[] };

export const LATIN_NAME_POOLS: readonly NamePool[] = [
  {
    language: "en",
    firstNames: [
      "Emily", "Michael", "Sarah", "David", "Jessica", "Chris", "Ashley", "Brian", "Megan", "Kevin", "Lauren",
      "Ryan", "Rachel", "Tyler", "Hannah", "Marcus", "Olivia", "Ethan", "Grace", "Nathan", "Claire", "Owen",
      "Natalie", "Patrick", "Siobhan", "Liam", "Aisha", "Tom", "Rebecca", "Jamal",
    ],
    lastNames: [
      "Johnson", "Miller", "Davis", "Thompson", "Walker", "Bennett", "Hughes", "Foster", "Brooks", "Sullivan",
      "Reed", "Coleman", "Price", "Hayes", "Fletcher", "O'Connor", "McAllister", "Whitaker", "Carter", "Nguyen",
      "Kim", "Patel", "Lopez", "Washington", "Fitzgerald",
    ],
  },
  {
    language: "fr",
    firstNames: ["Camille", "Julien", "Léa", "Théo", "Chloé", "Mathieu", "Inès", "Antoine", "Élodie", "Benoît"],
    lastNames: ["Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Mercier", "Benoît-Lambert"],
  },
  {
    language: "de",
    firstNames: ["Lukas", "Anna", "Jonas", "Lena", "Felix", "Sophie", "Maximilian", "Zoë", "Jürgen", "Katrin"],
    lastNames: ["Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Groß", "von Bergen"],
  },
  {
    language: "es",
    firstNames: ["José", "Lucía", "Carlos", "María", "Diego", "Valentina", "Alejandro", "Sofía", "Andrés", "Ximena"],
    lastNames: ["García", "Álvarez", "Fernández", "Rodríguez", "Martínez", "Peña", "Ortiz", "Núñez", "de la Cruz"],
  },
  {
    language: "pt",
    firstNames: ["João", "Beatriz", "Rafael", "Larissa", "Thiago", "Inês", "Gonçalo", "Fernanda"],
    lastNames: ["Silva", "Santos", "Oliveira", "Conceição", "Gonçalves", "Araújo", "Magalhães"],
  },
  {
    language: "nl",
    firstNames: ["Sander", "Femke", "Daan", "Lotte", "Bram", "Søren", "Ingrid", "Mikkel", "Astrid", "Björn"],
    lastNames: ["de Vries", "van Dijk", "Jansen", "Østergaard", "Lindqvist", "Nyström", "Sørensen", "Kowalczyk"],
  },
  {
    language: "it",
    firstNames: ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro"],
    lastNames: ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci"],
  },
  {
    language: "en",
    firstNames: ["Ngozi", "Chinedu", "Amara", "Kwame", "Thandiwe", "Tunde", "Zanele", "Kofi", "Wanjiru"],
    lastNames: ["Okonkwo", "Adeyemi", "Mensah", "Nkosi", "Okafor", "Boateng", "Mwangi", "Eze"],
  },
  {
    language: "en",
    firstNames: ["Priya", "Rahul", "Ananya", "Vikram", "Neha", "Arjun", "Sanjay", "Deepa", "Farhan", "Meera"],
    lastNames: ["Sharma", "Iyer", "Reddy", "Nair", "Gupta", "Kapoor", "Menon", "Chatterjee", "Qureshi"],
  },
  {
    language: "pl",
    firstNames: ["Agnieszka", "Piotr", "Małgorzata", "Tomasz", "Zofia"],
    lastNames: ["Wiśniewska", "Kowalski", "Wójcik", "Zieliński", "Dąbrowska"],
  },
];

/** People whose names are written in a non-Latin script, with the romanised slug of their profile URL. */
export type ScriptName = {
  language: DemoLanguage;
  firstName: string;
  lastName: string;
  displayName: string;
  slug: string;
};

export const NON_LATIN_NAMES: readonly ScriptName[] = [
  { language: "ja", firstName: "美咲", lastName: "田中", displayName: "田中 美咲", slug: "misaki-tanaka" },
  { language: "ja", firstName: "翔太", lastName: "佐藤", displayName: "佐藤 翔太", slug: "shota-sato" },
  { language: "ja", firstName: "由美", lastName: "鈴木", displayName: "鈴木 由美", slug: "yumi-suzuki" },
  { language: "ja", firstName: "大輔", lastName: "高橋", displayName: "高橋 大輔", slug: "daisuke-takahashi" },
  { language: "ja", firstName: "彩花", lastName: "伊藤", displayName: "伊藤 彩花", slug: "ayaka-ito" },
  { language: "ar", firstName: "ليلى", lastName: "منصور", displayName: "ليلى منصور", slug: "layla-mansour" },
  { language: "ar", firstName: "يوسف", lastName: "الخطيب", displayName: "يوسف الخطيب", slug: "youssef-alkhatib" },
  { language: "ar", firstName: "نور", lastName: "العلي", displayName: "نور العلي", slug: "nour-alali" },
  { language: "ar", firstName: "خالد", lastName: "نصر", displayName: "خالد نصر", slug: "khaled-nasr" },
  { language: "ar", firstName: "سارة", lastName: "القحطاني", displayName: "سارة القحطاني", slug: "sara-alqahtani" },
  { language: "ru", firstName: "Алексей", lastName: "Смирнов", displayName: "Алексей Смирнов", slug: "alexey-smirnov" },
  { language: "ru", firstName: "Мария", lastName: "Иванова", displayName: "Мария Иванова", slug: "maria-ivanova" },
  { language: "ru", firstName: "Дмитрий", lastName: "Кузнецов", displayName: "Дмитрий Кузнецов", slug: "dmitry-kuznetsov" },
  { language: "ru", firstName: "Екатерина", lastName: "Попова", displayName: "Екатерина Попова", slug: "ekaterina-popova" },
  { language: "ru", firstName: "Ольга", lastName: "Новикова", displayName: "Ольга Новикова", slug: "olga-novikova" },
  { language: "hi", firstName: "प्रिया", lastName: "शर्मा", displayName: "प्रिया शर्मा", slug: "priya-sharma-delhi" },
  { language: "hi", firstName: "राहुल", lastName: "वर्मा", displayName: "राहुल वर्मा", slug: "rahul-verma" },
  { language: "hi", firstName: "अनन्या", lastName: "सिंह", displayName: "अनन्या सिंह", slug: "ananya-singh" },
  { language: "hi", firstName: "विक्रम", lastName: "मेहता", displayName: "विक्रम मेहता", slug: "vikram-mehta" },
  { language: "zh", firstName: "伟", lastName: "王", displayName: "王伟", slug: "wei-wang" },
  { language: "zh", firstName: "娜", lastName: "李", displayName: "李娜", slug: "na-li" },
  { language: "zh", firstName: "敏", lastName: "张", displayName: "张敏", slug: "min-zhang" },
  { language: "ko", firstName: "지훈", lastName: "김", displayName: "김지훈", slug: "jihoon-kim" },
  { language: "ko", firstName: "서연", lastName: "이", displayName: "이서연", slug: "seoyeon-lee" },
  { language: "ko", firstName: "민준", lastName: "박", displayName: "박민준", slug: "minjun-park" },
];
