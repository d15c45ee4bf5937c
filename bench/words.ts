// Vocabulary for the synthetic corpus. Tag mentions use the names, aliases and patterns of
// corpus/taxonomy.yaml so the real tagger finds a realistic spread; publishers are invented.

/** Tag slug -> ways articles mention it, with how often articles touch the topic (relative weight). */
export const TOPICS: readonly { slug: string; weight: number; mentions: readonly string[] }[] = [
  { slug: "yann-lecun", weight: 10, mentions: ["Yann LeCun", "LeCun", "LeCun", "Yann LeCun"] },
  { slug: "meta", weight: 9, mentions: ["Meta", "Meta Platforms", "Meta", "the Facebook parent"] },
  {
    slug: "llama",
    weight: 6,
    mentions: ["Llama", "Llama 4", "Llama 3.1", "the Llama family", "Llama models"],
  },
  {
    slug: "llms",
    weight: 7,
    mentions: ["large language models", "LLMs", "LLM scaling", "a large language model"],
  },
  {
    slug: "world-models",
    weight: 5,
    mentions: ["world models", "a world model", "JEPA", "V-JEPA", "world-model"],
  },
  { slug: "ami-labs", weight: 4, mentions: ["AMI Labs", "Advanced Machine Intelligence Labs", "AMI"] },
  { slug: "fair", weight: 3, mentions: ["FAIR", "Fundamental AI Research", "Facebook AI Research"] },
  { slug: "mark-zuckerberg", weight: 3, mentions: ["Mark Zuckerberg", "Zuckerberg"] },
  {
    slug: "superintelligence-labs",
    weight: 2,
    mentions: ["Superintelligence Labs", "the Superintelligence Lab"],
  },
  { slug: "alexandr-wang", weight: 1.5, mentions: ["Alexandr Wang", "Alexandr Wang"] },
];

/** Untagged actors so not every sentence carries a tag. */
export const OTHERS = [
  "OpenAI",
  "Anthropic",
  "Google DeepMind",
  "Mistral",
  "Nvidia",
  "Microsoft",
  "the European Commission",
  "a group of academic researchers",
  "venture investors",
  "hyperscalers",
  "robotics start-ups",
  "chip makers",
] as const;

export const VERBS = [
  "argues that",
  "warns that",
  "insists that",
  "suggests that",
  "told reporters that",
  "wrote on social media that",
  "believes that",
  "has long maintained that",
  "conceded that",
  "said in an interview that",
] as const;

export const CLAIMS = [
  "scaling alone will not produce human-level intelligence",
  "text is a low-bandwidth medium for learning about the physical world",
  "the industry is digging the same trench",
  "open weights remain the best defence against concentration of power",
  "benchmarks reward memorisation rather than reasoning",
  "the next breakthrough will come from self-supervised learning on video",
  "planning requires an internal model of how actions change the world",
  "compute budgets are growing faster than the returns they buy",
  "research labs need years, not quarters, to pay off",
  "robotics is where the limits of current systems show first",
  "autoregressive prediction compounds its own errors",
  "the talent market has never been this overheated",
  "regulators are struggling to keep pace with deployment",
  "common sense cannot be learned from text alone",
  "the gap between demos and dependable products is still wide",
] as const;

export const CONNECTORS = [
  "Meanwhile,",
  "However,",
  "At the same time,",
  "In practice,",
  "For now,",
  "Critics counter that",
  "Analysts note that",
  "According to people familiar with the matter,",
  "Notably,",
  "Still,",
] as const;

export const FILLER = [
  "The debate has split the field into two camps with very different bets on the future.",
  "Capital expenditure on data centres keeps climbing, and investors are starting to ask about returns.",
  "Several researchers described the mood inside large labs as tense but productive.",
  "The timing matters because budgets for next year are being set right now.",
  "Few people expect the disagreement to be settled by a single paper or product launch.",
  "Start-ups in Paris, London and New York are competing for the same small pool of specialists.",
  "The company declined to comment on internal discussions.",
  "Industry veterans compare the moment to earlier turning points in computer vision.",
  "Energy constraints and chip supply shape what any lab can realistically attempt.",
  "Developers say the practical impact on their day-to-day work is still modest.",
  "Policy makers in Brussels and Washington are watching the outcome closely.",
  "The figures could not be independently verified.",
] as const;

export const TITLE_PATTERNS = [
  "{A} {tverb} {B} as {C} {tverb2}",
  "Why {A} {tverb} {B}",
  "{A} and the Future of {B}",
  "Inside the {B} Rift: What {A} Really Wants",
  "{A} {tverb} {B}: Analysis",
  "What {A}'s Move Means for {B}",
  "{A} Bets on {B} While {C} Doubles Down",
  "The {B} Debate: {A} {tverb} Critics",
] as const;

export const TITLE_VERBS = [
  "Challenges",
  "Rethinks",
  "Walks Away From",
  "Doubles Down on",
  "Questions",
  "Backs",
  "Breaks With",
  "Warns About",
] as const;

/** Makes titles of different stories differ, as real headlines do (the build groups stories by text). */
export const TITLE_TAILS = [
  "After {N} Months of Talks",
  "in Paris",
  "Ahead of Earnings",
  "With {N} Billion Dollars at Stake",
  "as Researchers Leave",
  "in New Memo",
  "at {N}th Annual Summit",
  "Amid Hiring Spree",
  "in Rare Interview",
  "as Benchmarks Stall",
  "With {N} New Hires",
  "After Board Meeting",
  "Over Open Weights",
  "in Keynote Speech",
  "as Rivals Circle",
  "Despite {N}% Budget Cut",
] as const;

export const TITLE_VERBS2 = ["Reshuffles", "Regroups", "Pushes Ahead", "Pivots", "Hires", "Waits"] as const;

export const SECTIONS = ["AI", "Tech", "Business", "Research", "Policy", "Markets", "Science"] as const;

export const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloé",
  "Dev",
  "Emma",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jon",
  "Kim",
  "Lena",
];
export const LAST_NAMES = [
  "Moreau",
  "Patel",
  "Okafor",
  "Schmidt",
  "Nakamura",
  "Rossi",
  "Silva",
  "Novak",
  "Haddad",
];

/** Invented outlets; none of them is a real publisher. */
export const PUBLISHERS = [
  { name: "Tensor Times", domain: "tensortimes.example" },
  { name: "Gradient Gazette", domain: "gradientgazette.example" },
  { name: "SiliconWire Daily", domain: "siliconwire.example" },
  { name: "Frontier Ledger", domain: "frontierledger.example" },
  { name: "Compute Chronicle", domain: "computechronicle.example" },
  { name: "ByteHarbor", domain: "byteharbor.example" },
  { name: "Neural Notes", domain: "neuralnotes.example" },
  { name: "Latent Report", domain: "latentreport.example" },
] as const;

export const PROMOS = [
  "Subscribe to our newsletter for the week's biggest AI stories.",
  "Share this article\nFacebook\nX\nLinkedIn\nEmail",
  "Advertisement",
  "We use cookies to improve your experience. Accept all | Manage preferences",
  "Download our app for breaking news alerts.",
  "Sign up for free to keep reading.",
  "© All rights reserved. Terms | Privacy | Contact",
] as const;

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
