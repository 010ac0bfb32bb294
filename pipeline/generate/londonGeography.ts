/**
 * What the generator knows of each London borough's geography, so that a
 * synthetic drop looks like the place it names: an approximate centre on the
 * British National Grid, a radius, its postcode districts, its housing stock
 * (thousands of dwellings, for relative sizes), whether it is inner London
 * (as the ONS counts it: Haringey and Newham in, Greenwich out),
 * and for a few boroughs their real ward names (others get plausible ones).
 * Figures are rounded public facts; nothing here is a column of the standard.
 */
export interface BoroughGeography {
  readonly easting: number;
  readonly northing: number;
  readonly radiusM: number;
  readonly districts: readonly string[];
  readonly dwellingsK: number;
  readonly inner: boolean;
  readonly wardNames?: readonly string[];
  /** First ward code number (E05 + 6 digits) of the borough's current wards. */
  readonly wardCodeBase: number;
}

const g = (
  easting: number,
  northing: number,
  radiusKm: number,
  districts: string,
  dwellingsK: number,
  inner: boolean,
  wardCodeBase: number,
  wardNames?: string,
): BoroughGeography => ({
  easting,
  northing,
  radiusM: radiusKm * 1000,
  districts: districts.split(' '),
  dwellingsK,
  inner,
  wardCodeBase,
  ...(wardNames ? { wardNames: wardNames.split('|') } : {}),
});

export const LONDON_GEOGRAPHY: Readonly<Record<string, BoroughGeography>> = {
  E09000001: g(532500, 181300, 1.0, 'EC1A EC2V EC2Y EC3V EC4M', 6, true, 9300),
  E09000002: g(547500, 185000, 3.5, 'IG11 RM8 RM9 RM10', 76, false, 14000),
  E09000003: g(524500, 192500, 5.5, 'N2 N3 N11 N12 N20 NW4 NW7 NW9 NW11 EN4 EN5 HA8', 150, false, 13000),
  E09000004: g(549500, 175000, 5.0, 'DA5 DA6 DA7 DA8 DA14 DA15 DA16 SE2', 100, false, 11000),
  E09000005: g(519500, 185500, 4.0, 'NW2 NW10 HA0 HA9 NW6', 125, false, 13500),
  E09000006: g(542000, 166500, 7.0, 'BR1 BR2 BR3 BR4 BR5 BR6 BR7 SE20', 143, false, 13800),
  E09000007: g(527500, 184500, 2.8, 'NW1 NW3 NW5 NW6 WC1H WC1X', 107, true, 13360,
    "Belsize|Bloomsbury|Camden Square|Camden Town|Fortune Green|Frognal|Gospel Oak|Hampstead Town|Haverstock|Highgate|Holborn and Covent Garden|Kentish Town North|Kentish Town South|Kilburn|King's Cross|Primrose Hill|Regent's Park|St Pancras and Somers Town|South Hampstead|West Hampstead"),
  E09000008: g(533000, 164500, 6.5, 'CR0 CR2 CR5 CR7 CR8 SE25 SW16', 162, false, 11900),
  E09000009: g(516000, 181000, 5.0, 'W3 W5 W7 W13 UB1 UB2 UB6', 132, false, 13900),
  E09000010: g(533000, 197000, 6.0, 'EN1 EN2 EN3 N9 N13 N14 N18 N21', 130, false, 13700),
  E09000011: g(543000, 176500, 5.0, 'SE3 SE7 SE9 SE10 SE18 SE28', 119, false, 14100),
  E09000012: g(534500, 185500, 2.8, 'E2 E5 E8 E9 N1 N16', 115, true, 9370,
    "Brownswood|Cazenove|Clissold|Dalston|De Beauvoir|Hackney Central|Hackney Downs|Hackney Wick|Haggerston|Homerton|Hoxton East and Shoreditch|Hoxton West|King's Park|Lea Bridge|London Fields|Shacklewell|Springfield|Stamford Hill West|Stoke Newington|Victoria|Woodberry Down"),
  E09000013: g(523500, 177500, 3.0, 'W6 W12 W14 SW6', 89, true, 13600),
  E09000014: g(531500, 189500, 3.5, 'N4 N8 N10 N15 N17 N22', 110, true, 13800),
  E09000015: g(515500, 189500, 4.0, 'HA1 HA2 HA3 HA5 HA7', 92, false, 13700),
  E09000016: g(554500, 188000, 6.5, 'RM1 RM2 RM3 RM7 RM11 RM12 RM14', 105, false, 13900),
  E09000017: g(508000, 183000, 7.5, 'UB3 UB4 UB7 UB8 UB10 HA4 HA6', 113, false, 11400),
  E09000018: g(513000, 176000, 5.0, 'TW3 TW4 TW5 TW7 TW13 W4', 106, false, 13600),
  E09000019: g(531200, 185000, 2.5, 'N1 N5 N7 N19 EC1V', 108, true, 13300),
  E09000020: g(526000, 179000, 2.2, 'W8 W10 W11 SW3 SW5 SW7 SW10', 87, true, 9400),
  E09000021: g(519500, 166500, 4.0, 'KT1 KT2 KT3 KT6 KT9', 70, false, 13000),
  E09000022: g(530800, 175000, 3.5, 'SE11 SE27 SW2 SW4 SW8 SW9 SW16', 142, true, 14000),
  E09000023: g(537500, 173500, 4.0, 'SE4 SE6 SE12 SE13 SE14 SE23 SE26', 130, true, 13200),
  E09000024: g(525500, 169500, 3.8, 'SW19 SW20 CR4 SM4', 84, false, 13100),
  E09000025: g(540500, 183500, 3.5, 'E6 E7 E12 E13 E15 E16', 125, true, 13930,
    "Beckton|Boleyn|Canning Town North|Canning Town South|Custom House|East Ham|East Ham South|Forest Gate North|Forest Gate South|Green Street East|Green Street West|Little Ilford|Manor Park|Maryland|Plaistow North|Plaistow South|Plaistow West and Canning Town East|Royal Albert|Royal Victoria|Stratford|Stratford Olympic Park|Wall End|West Ham"),
  E09000026: g(543500, 189000, 4.5, 'IG1 IG2 IG3 IG4 IG5 IG6 IG8 E11 E18', 104, false, 14300),
  E09000027: g(517500, 172000, 5.5, 'TW1 TW2 TW9 TW10 TW11 TW12 SW13 SW14', 86, false, 13800),
  E09000028: g(533500, 176500, 3.5, 'SE1 SE5 SE15 SE16 SE17 SE21 SE22', 145, true, 11000),
  E09000029: g(526500, 163500, 4.0, 'SM1 SM2 SM3 SM5 SM6', 83, false, 13700),
  E09000030: g(536000, 181800, 2.8, 'E1 E1W E3 E14', 138, true, 9320),
  E09000031: g(537500, 189500, 4.0, 'E4 E10 E11 E17', 105, false, 13900),
  E09000032: g(526000, 174000, 4.0, 'SW11 SW12 SW15 SW17 SW18', 148, true, 14400),
  E09000033: g(528500, 180500, 2.8, 'W1 W2 W9 NW8 SW1V', 125, true, 13700),
};

/** Housing stock of an average borough, in thousands: a borough's size relative to it sets its share of properties. */
export const MEAN_DWELLINGS_K =
  Object.values(LONDON_GEOGRAPHY).reduce((sum, b) => sum + b.dwellingsK, 0) / Object.keys(LONDON_GEOGRAPHY).length;
