// The features in the staff's words. The model's own descriptions (GET /features) are in English,
// for API clients; the page names the PEDE's indicators as the NGO's sheets and reports do. A
// feature not listed here (a new model's) is shown with the model's description.

const NAMES = {
  fase: 'Fase',
  idade: 'Idade',
  ano_ingresso: 'Ano de ingresso',
  score_inde: 'INDE — índice do desenvolvimento educacional',
  score_iaa: 'IAA — autoavaliação',
  score_ieg: 'IEG — engajamento',
  score_ips: 'IPS — psicossocial',
  score_ida: 'IDA — aprendizagem',
  score_ipv: 'IPV — ponto de virada',
  score_ian: 'IAN — adequação ao nível',
  nota_cg: 'Cg — classificação geral',
  nota_cf: 'Cf — classificação na fase',
  nota_ct: 'Ct — classificação na turma',
  num_avaliacoes: 'Nº de avaliações',
  defasagem: 'Defasagem (fase atual menos a ideal)',
  turma: 'Turma',
  genero: 'Gênero',
  pedra_modal: 'Pedra mais frequente (2020–2022)',
  pedra_ano_anterior: 'Pedra do ano anterior',
  pedra_dois_anos_antes: 'Pedra de dois anos antes',
};

let descriptions = new Map();

/** The model's descriptions, for the features this page has no name for. */
export function useDescriptions(features) {
  descriptions = new Map(features.map((feature) => [feature.name, feature.description]));
}

export function label(feature) {
  return NAMES[feature] ?? descriptions.get(feature) ?? feature;
}
