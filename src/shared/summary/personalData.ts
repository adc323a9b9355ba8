// Spots column names that look like personal data, from a word list matched against the name's words.
/** Whole words (after splitting snake_case, kebab-case, camelCase and spaces) that suggest personal data. */
export const PERSONAL_WORDS = [
  'email',
  'mail',
  'phone',
  'mobile',
  'telephone',
  'tel',
  'fax',
  'name',
  'firstname',
  'lastname',
  'surname',
  'fullname',
  'username',
  'forename',
  'address',
  'street',
  'zip',
  'zipcode',
  'postcode',
  'postal',
  'birth',
  'birthday',
  'birthdate',
  'dob',
  'ssn',
  'passport',
  'license',
  'licence',
  'nino',
  'ip',
  'ipaddress',
  'ipv4',
  'ipv6',
  'imei',
  'iban',
  'creditcard',
  'gender',
  'sex',
  'race',
  'ethnicity',
  'religion',
  'latitude',
  'longitude',
];

const WORDS = new Set(PERSONAL_WORDS);

export function personalColumns(names: string[] | undefined): string[] {
  return (names ?? []).filter((n) => words(n).some((w) => WORDS.has(w) || WORDS.has(w.replace(/s$/, ''))));
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
