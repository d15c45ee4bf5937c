// Language detection, one row per language and length: a headline-sized line and a paragraph, each
// written for this test (see corpus/README.md "Language" for how the detector was chosen).
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../src/pipeline/extract/language";

const SAMPLES: Record<string, { short: string[]; long: string }> = {
  en: {
    short: [
      "City council approves new budget for parks",
      "The storm closed three schools on Tuesday",
      "Why farmers are worried about the dry spring",
    ],
    long: "The council voted late on Tuesday to approve a budget that sets aside more money for parks and libraries. Supporters said the plan would help families who have few places to go in the summer, while critics argued that the city should first repair its roads. The mayor said she expected the first projects to begin before the end of the year, and that residents would be asked which parks needed work most urgently.",
  },
  fr: {
    short: [
      "Le conseil municipal adopte un nouveau budget",
      "La tempête a fermé trois écoles mardi",
      "Pourquoi les agriculteurs s'inquiètent du printemps sec",
    ],
    long: "Le conseil a voté mardi soir un budget qui consacre davantage d'argent aux parcs et aux bibliothèques. Ses partisans estiment que le projet aidera les familles qui ont peu d'endroits où aller en été, tandis que ses détracteurs jugent que la ville devrait d'abord réparer ses routes. La maire a indiqué qu'elle s'attendait à ce que les premiers chantiers commencent avant la fin de l'année.",
  },
  de: {
    short: [
      "Stadtrat beschließt neuen Haushalt für Parks",
      "Der Sturm schloss am Dienstag drei Schulen",
      "Warum die Bauern sich vor dem trockenen Frühling fürchten",
    ],
    long: "Der Rat hat am Dienstagabend einen Haushalt beschlossen, der mehr Geld für Parks und Bibliotheken vorsieht. Befürworter sagen, der Plan helfe Familien, die im Sommer nur wenige Orte haben, an die sie gehen können, während Kritiker meinen, die Stadt solle zuerst ihre Straßen reparieren. Die Bürgermeisterin erwartet, dass die ersten Projekte noch vor Ende des Jahres beginnen.",
  },
  es: {
    short: [
      "El ayuntamiento aprueba un nuevo presupuesto para parques",
      "La tormenta cerró tres escuelas el martes",
      "Por qué los agricultores temen una primavera seca",
    ],
    long: "El consejo votó el martes por la noche un presupuesto que destina más dinero a parques y bibliotecas. Sus defensores dicen que el plan ayudará a las familias que tienen pocos lugares adonde ir en verano, mientras que los críticos sostienen que la ciudad debería reparar primero sus calles. La alcaldesa dijo que espera que los primeros proyectos comiencen antes de fin de año.",
  },
  it: {
    short: [
      "Il consiglio comunale approva il nuovo bilancio",
      "La tempesta ha chiuso tre scuole martedì",
      "Perché gli agricoltori temono una primavera secca",
    ],
    long: "Il consiglio ha approvato martedì sera un bilancio che destina più fondi ai parchi e alle biblioteche. I sostenitori affermano che il piano aiuterà le famiglie che hanno pochi posti dove andare d'estate, mentre i critici ritengono che la città dovrebbe prima riparare le sue strade. La sindaca ha detto di aspettarsi che i primi lavori inizino prima della fine dell'anno.",
  },
  pt: {
    short: [
      "Câmara municipal aprova novo orçamento para parques",
      "A tempestade fechou três escolas na terça-feira",
      "Por que os agricultores temem uma primavera seca",
    ],
    long: "O conselho aprovou na noite de terça-feira um orçamento que destina mais dinheiro a parques e bibliotecas. Os defensores dizem que o plano vai ajudar as famílias que têm poucos lugares para ir no verão, enquanto os críticos afirmam que a cidade deveria primeiro consertar as suas ruas. A prefeita disse esperar que as primeiras obras comecem antes do fim do ano.",
  },
  nl: {
    short: [
      "Gemeenteraad keurt nieuwe begroting voor parken goed",
      "De storm sloot dinsdag drie scholen",
      "Waarom boeren zich zorgen maken over de droge lente",
    ],
    long: "De raad heeft dinsdagavond een begroting goedgekeurd die meer geld uittrekt voor parken en bibliotheken. Voorstanders zeggen dat het plan gezinnen helpt die in de zomer weinig plekken hebben om naartoe te gaan, terwijl critici vinden dat de stad eerst haar wegen moet repareren. De burgemeester verwacht dat de eerste projecten voor het einde van het jaar beginnen.",
  },
  ru: {
    short: [
      "Городской совет утвердил новый бюджет для парков",
      "Шторм закрыл три школы во вторник",
      "Почему фермеры боятся сухой весны",
    ],
    long: "Совет во вторник вечером утвердил бюджет, который выделяет больше денег на парки и библиотеки. Сторонники говорят, что план поможет семьям, которым летом почти некуда пойти, а критики считают, что город должен сначала отремонтировать дороги. Мэр сказала, что ожидает начала первых работ до конца года.",
  },
  ja: {
    short: ["市議会が公園の新予算を承認", "嵐で火曜日に三つの学校が休校", "農家が乾いた春を心配する理由"],
    long: "市議会は火曜日の夜、公園や図書館により多くの予算を充てる案を可決した。支持者は、夏に行く場所が少ない家族の助けになると述べたが、批判する人々は市がまず道路を修理すべきだと主張している。市長は年内に最初の事業が始まる見通しだと語った。",
  },
  ko: {
    short: [
      "시의회, 공원 새 예산 승인",
      "폭풍으로 화요일 학교 세 곳 휴교",
      "농민들이 건조한 봄을 걱정하는 이유",
    ],
    long: "시의회는 화요일 밤 공원과 도서관에 더 많은 예산을 배정하는 안을 통과시켰다. 지지자들은 여름에 갈 곳이 적은 가족들에게 도움이 될 것이라고 말했지만, 비판하는 사람들은 시가 먼저 도로를 고쳐야 한다고 주장했다. 시장은 연내에 첫 사업이 시작될 것으로 예상한다고 밝혔다.",
  },
};

const ROWS = Object.entries(SAMPLES).flatMap(([lang, s]) => [
  ...s.short.map((text) => ({ lang, kind: "short", text })),
  { lang, kind: "long", text: s.long },
]);

describe("detectLanguage", () => {
  it.each(ROWS)("$lang $kind: $text", ({ lang, text }) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it.each(["", "OK", "12:45", "Jo!"])("too short to tell: %j falls back", (text) => {
    expect(detectLanguage(text)).toBe("en");
    expect(detectLanguage(text, "fr")).toBe("fr");
  });

  it("a Russian article with English chrome around it is Russian", () => {
    const text = `Home | News | Sign in\n${SAMPLES.ru?.long}\n${SAMPLES.ru?.short.join("\n")}\nShare on Facebook`;
    expect(detectLanguage(text)).toBe("ru");
  });
});
