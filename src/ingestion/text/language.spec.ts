import { detectLanguage, normalizeLanguageTag } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'We are looking for a senior engineer who will work with our team on the design of our data platform and you will have experience with Python.'],
    ['de', 'Wir suchen für unser Team in Berlin eine erfahrene Entwicklerin, die mit uns an der Plattform arbeitet und Erfahrung mit Python hat. Du bist neugierig und hast Kenntnisse in SQL.'],
    ['fr', 'Nous recherchons pour notre équipe un développeur qui sera responsable de la conception des services et vous aurez une expérience avec les outils de données.'],
    ['es', 'Buscamos una persona para nuestro equipo que se encargue del desarrollo de la plataforma y que tenga experiencia con los sistemas de datos en la nube.'],
    ['pt', 'Estamos procurando uma pessoa para o nosso time que seja responsável pelo desenvolvimento da plataforma e que tenha experiência com os sistemas de dados.'],
    ['nl', 'Wij zoeken voor ons team een ervaren ontwikkelaar die met ons aan het platform werkt en ervaring heeft met de bouw van data systemen. Jij bent nieuwsgierig.'],
    ['it', 'Cerchiamo per il nostro team una persona che si occupi dello sviluppo della piattaforma e che abbia esperienza con i sistemi di dati nel cloud.'],
  ])('%s', (expected, text) => expect(detectLanguage(text)).toBe(expected));

  it.each([
    ['a title alone', 'Senior Software Engineer (m/w/d)'],
    ['empty', ''],
    ['null', null],
    ['no function words', 'Python Go Rust Kubernetes Terraform AWS GCP Azure Docker Linux Kafka Spark Airflow dbt'],
  ])('null for %s', (_name, text) => expect(detectLanguage(text)).toBeNull());
});

describe('normalizeLanguageTag', () => {
  it.each([
    ['en', 'en'], ['EN', 'en'], ['en-US', 'en'], ['pt_BR', 'pt'], ['zhHant', 'zh'], ['', null], [null, null], ['123', null],
  ])('%j → %j', (tag, expected) => expect(normalizeLanguageTag(tag)).toBe(expected));
});
