// `natural`'s package entry loads its storage back-ends, which call dotenv and print to stdout on import.
// Skillpulse imports only the submodules it needs; these declarations re-export their published types.
declare module 'natural/lib/natural/stemmers/index.js' {
  export { PorterStemmer, LancasterStemmer } from 'natural/lib/natural/stemmers';
}
declare module 'natural/lib/natural/distance/index.js' {
  export { JaroWinklerDistance, LevenshteinDistance, DiceCoefficient } from 'natural/lib/natural/distance';
}
declare module 'natural/lib/natural/tokenizers/index.js' {
  export { WordPunctTokenizer, RegexpTokenizer, SentenceTokenizer } from 'natural/lib/natural/tokenizers';
}
