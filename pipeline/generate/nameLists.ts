/** Words for plausible London street, building, estate and ward names. */
export const STREET_STEMS = (
  'Acacia Albion Alexandra Amhurst Arcola Ash Ashford Balfour Barnsbury Beaumont Bedford Belgrave Birkbeck Blenheim ' +
  'Bow Bramley Brecknock Brunswick Burghley Cadogan Caledonian Cambridge Carlton Cassland Cavendish Cedar Chatsworth ' +
  'Chesholm Clapton Clarence Clifton Colvestone Coronation Cranbrook Cromwell Dalston Denmark Derby Devonshire Dunlace ' +
  'Durham Elderfield Elgin Ellingfort Elm Essex Evering Fairholt Ferndale Folgate Forest Gascoyne Gladstone Glenarm ' +
  'Gloucester Gordon Grafton Granville Greenwood Grosvenor Hamilton Hanover Harcourt Hartington Hawthorn Hazel ' +
  'Highbury Holly Hollybush Howard Kenninghall Kingsland Lansdowne Laburnum Lavender Leabridge Lena Linden Lordship ' +
  'Malvern Manor Maple Marlborough Mayola Median Melrose Mildmay Milton Montague Mortimer Navarino Nelson Newick ' +
  'Norfolk Northwold Nightingale Oakfield Osborne Palatine Palmerston Park Percy Powerscroft Princes Queensbridge ' +
  'Ravensdale Rectory Regent Richmond Rosebery Rushmore Sandringham Selsdon Shacklewell Sidney Somerford Spenser ' +
  'Springfield Stanley Stamford Sutton Sylvester Tottenham Trafalgar Tyssen Victoria Walford Warwick Waterloo ' +
  'Wellington Westgate Whitmore Wilberforce Windsor Woodland Wordsworth York'
).split(' ');

export const STREET_SUFFIXES = ['Road', 'Road', 'Road', 'Street', 'Street', 'Grove', 'Avenue', 'Gardens', 'Place', 'Terrace', 'Lane', 'Close', 'Crescent', 'Walk', 'Square', 'Mews', 'Rise', 'Villas'];

export const BUILDING_NAMES = (
  'Kestrel Falcon Heron Osprey Merlin Swift Kingfisher Wren Lapwing Curlew Plover Skylark Linnet Bittern Avocet ' +
  'Brunel Faraday Telford Stephenson Attlee Bevan Lansbury Morris Keir Hardie Orwell Pankhurst Seacole Fry Blake'
).split(' ');

export const ESTATE_WORDS = ['Estate', 'Estate', 'Court', 'House', 'Buildings', 'Mansions', 'Point', 'Tower'];

export const WARD_STEMS = (
  'Abbey Ashburton Beacon Bishops Brook Castle Central Chase Church Coldharbour Common Cray Crown Eastfield ' +
  'Fairfield Fieldway Forest Gallions Grange Green Grove Harbour Heath Highlands Hill Hythe Kings Lakeside Manor ' +
  'Marsh Meadow Mill Northfields Oak Orchard Palace Park Priory Queens Riverside St Andrews St Marys Shirley ' +
  'Southfield Springfield Thames Town Vale Village Waddon Well West End Whitefoot Woodside'
).split(' ');

export const WARD_SUFFIXES = ['', '', ' North', ' South', ' East', ' West', ' Park', ' Green', ' Hill', ' and Heath', ' Central', ' Vale'];

/** Letters used in the inward part of a UK postcode (C, I, K, M, O, V never appear there). */
export const POSTCODE_UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
