// Public holidays by country, computed per year, for the working-day rules of the privacy-request
// deadlines (a period ending on a holiday moves on; business days skip them). Pure: no I/O.
//
// A workspace's calendar is one country preset plus its own extra days off. The presets hold
// national (country-wide) days only: regional holidays (a German Land, a Spanish community,
// Alsace-Moselle, a US state, a Brazilian state or city) belong in the custom dates.

export const HOLIDAY_COUNTRIES = {
  DE: 'Germany (national holidays)',
  FR: 'France',
  IE: 'Ireland',
  NL: 'Netherlands',
  ES: 'Spain (national holidays)',
  'GB-ENG': 'England and Wales (bank holidays)',
  US: 'United States (federal holidays)',
  BR: 'Brazil (national holidays)',
} as const

export type HolidayCountry = keyof typeof HOLIDAY_COUNTRIES
export const HOLIDAY_COUNTRY_KEYS = Object.keys(HOLIDAY_COUNTRIES) as [HolidayCountry, ...HolidayCountry[]]

export type Holiday = { date: string; name: string }

/** A workspace's days off: a country preset (or none) plus custom dates (YYYY-MM-DD). */
export type HolidayCalendar = { country: HolidayCountry | null; custom: readonly string[] }

export function isHolidayCountry(value: string): value is HolidayCountry {
  return Object.hasOwn(HOLIDAY_COUNTRIES, value)
}

const DAY_MS = 86_400_000
const SUNDAY = 0
const MONDAY = 1
const THURSDAY = 4
const FRIDAY = 5
const SATURDAY = 6

/** Days since 1970-01-01 of a civil date (month 1-12). */
const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)
const dayOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (n: number) => (((n + THURSDAY) % 7) + 7) % 7

/** The nth (1-based) given weekday of a month; a negative n counts from the month's end. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayNumber(year, month, 1)
    return first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7
  }
  const last = dayNumber(year, month + 1, 0)
  return last - ((weekdayOf(last) - weekday + 7) % 7) + (n + 1) * 7
}

/**
 * Easter Sunday (Gregorian) by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher), as a
 * day number.
 */
function easterDay(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return dayNumber(year, month, day)
}

export function easterSunday(year: number): string {
  return isoOf(easterDay(year))
}

type Entry = [day: number, name: string]

// Germany: the days every Land keeps (Länder holiday laws; 3 October by the Einigungsvertrag
// Art. 2(2)). Reformation Day 2017 was a one-off nationwide holiday. No substitute days.
function germany(year: number): Entry[] {
  const easter = easterDay(year)
  const days: Entry[] = [
    [dayNumber(year, 1, 1), 'Neujahr'],
    [easter - 2, 'Karfreitag'],
    [easter + 1, 'Ostermontag'],
    [dayNumber(year, 5, 1), 'Tag der Arbeit'],
    [easter + 39, 'Christi Himmelfahrt'],
    [easter + 50, 'Pfingstmontag'],
    [dayNumber(year, 10, 3), 'Tag der Deutschen Einheit'],
    [dayNumber(year, 12, 25), '1. Weihnachtstag'],
    [dayNumber(year, 12, 26), '2. Weihnachtstag'],
  ]
  if (year === 2017) days.push([dayNumber(2017, 10, 31), 'Reformationstag (500 years)'])
  return days
}

// France: Code du travail Art. L3133-1. Good Friday and 26 December (Alsace-Moselle only) are
// regional. Whit Monday stays a jour férié even where it is worked as the journée de solidarité.
function france(year: number): Entry[] {
  const easter = easterDay(year)
  return [
    [dayNumber(year, 1, 1), "Jour de l'an"],
    [easter + 1, 'Lundi de Pâques'],
    [dayNumber(year, 5, 1), 'Fête du Travail'],
    [dayNumber(year, 5, 8), 'Victoire 1945'],
    [easter + 39, 'Ascension'],
    [easter + 50, 'Lundi de Pentecôte'],
    [dayNumber(year, 7, 14), 'Fête nationale'],
    [dayNumber(year, 8, 15), 'Assomption'],
    [dayNumber(year, 11, 1), 'Toussaint'],
    [dayNumber(year, 11, 11), 'Armistice 1918'],
    [dayNumber(year, 12, 25), 'Noël'],
  ]
}

// Ireland: Organisation of Working Time Act 1997, Schedule 2 (St Brigid's Day from 2023: the
// first Monday in February, or 1 February when that is a Friday). Good Friday is not a public
// holiday. A holiday on a weekend gives no automatic next-day holiday, so none is added.
function ireland(year: number): Entry[] {
  const easter = easterDay(year)
  const days: Entry[] = [
    [dayNumber(year, 1, 1), "New Year's Day"],
    [dayNumber(year, 3, 17), "St Patrick's Day"],
    [easter + 1, 'Easter Monday'],
    [nthWeekday(year, 5, MONDAY, 1), 'May Bank Holiday'],
    [nthWeekday(year, 6, MONDAY, 1), 'June Bank Holiday'],
    [nthWeekday(year, 8, MONDAY, 1), 'August Bank Holiday'],
    [nthWeekday(year, 10, MONDAY, -1), 'October Bank Holiday'],
    [dayNumber(year, 12, 25), 'Christmas Day'],
    [dayNumber(year, 12, 26), "St Stephen's Day"],
  ]
  if (year >= 2023) {
    const first = dayNumber(year, 2, 1)
    days.push([weekdayOf(first) === FRIDAY ? first : nthWeekday(year, 2, MONDAY, 1), "St Brigid's Day"])
  }
  if (year === 2022) days.push([dayNumber(2022, 3, 18), 'Day of Remembrance and Recognition'])
  return days
}

// Netherlands: the days of the Algemene termijnenwet Art. 3 (the law that moves the end of a
// statutory period off them): King's Day is 27 April, or 26 April when the 27th is a Sunday
// (Queen's Day, 30 April or the 29th, before 2014); 5 May is included every year.
function netherlands(year: number): Entry[] {
  const easter = easterDay(year)
  const royal =
    year >= 2014
      ? dayNumber(year, 4, weekdayOf(dayNumber(year, 4, 27)) === SUNDAY ? 26 : 27)
      : dayNumber(year, 4, weekdayOf(dayNumber(year, 4, 30)) === SUNDAY ? 29 : 30)
  return [
    [dayNumber(year, 1, 1), 'Nieuwjaarsdag'],
    [easter + 1, 'Tweede Paasdag'],
    [royal, year >= 2014 ? 'Koningsdag' : 'Koninginnedag'],
    [dayNumber(year, 5, 5), 'Bevrijdingsdag'],
    [easter + 39, 'Hemelvaartsdag'],
    [easter + 50, 'Tweede Pinksterdag'],
    [dayNumber(year, 12, 25), 'Eerste Kerstdag'],
    [dayNumber(year, 12, 26), 'Tweede Kerstdag'],
  ]
}

// Spain: the national days common to every community (Estatuto de los Trabajadores Art. 37.2
// and the yearly BOE resolution). Maundy Thursday, Easter Monday and the Monday after a holiday
// on a Sunday vary by community, so they are custom dates.
function spain(year: number): Entry[] {
  const easter = easterDay(year)
  return [
    [dayNumber(year, 1, 1), 'Año Nuevo'],
    [dayNumber(year, 1, 6), 'Epifanía del Señor'],
    [easter - 2, 'Viernes Santo'],
    [dayNumber(year, 5, 1), 'Fiesta del Trabajo'],
    [dayNumber(year, 8, 15), 'Asunción de la Virgen'],
    [dayNumber(year, 10, 12), 'Fiesta Nacional de España'],
    [dayNumber(year, 11, 1), 'Todos los Santos'],
    [dayNumber(year, 12, 6), 'Día de la Constitución'],
    [dayNumber(year, 12, 8), 'Inmaculada Concepción'],
    [dayNumber(year, 12, 25), 'Natividad del Señor'],
  ]
}

// England and Wales: Banking and Financial Dealings Act 1971, Schedule 1, plus royal
// proclamations (substitute days and one-off changes). A holiday on a weekend is replaced by
// the next weekday that is not already a holiday (so Christmas on a Saturday gives Monday 27th
// and Tuesday 28th).
const ENGLAND_ONE_OFF: Record<number, { moved?: [from: string, to: string][]; added?: Holiday[] }> = {
  2011: { added: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: {
    moved: [['2012-05-28', '2012-06-04']],
    added: [{ date: '2012-06-05', name: 'Diamond Jubilee' }],
  },
  2020: { moved: [['2020-05-04', '2020-05-08']] },
  2022: {
    moved: [['2022-05-30', '2022-06-02']],
    added: [
      { date: '2022-06-03', name: 'Platinum Jubilee' },
      { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II' },
    ],
  },
  2023: { added: [{ date: '2023-05-08', name: 'Coronation of King Charles III' }] },
}

function england(year: number): Entry[] {
  const easter = easterDay(year)
  const days: Entry[] = [
    [easter - 2, 'Good Friday'],
    [easter + 1, 'Easter Monday'],
    [nthWeekday(year, 5, MONDAY, 1), 'Early May bank holiday'],
    [nthWeekday(year, 5, MONDAY, -1), 'Spring bank holiday'],
    [nthWeekday(year, 8, MONDAY, -1), 'Summer bank holiday'],
  ]
  // Weekday holidays keep their day; each one on a weekend then takes the next free weekday.
  const fixed: Entry[] = [
    [dayNumber(year, 1, 1), "New Year's Day"],
    [dayNumber(year, 12, 25), 'Christmas Day'],
    [dayNumber(year, 12, 26), 'Boxing Day'],
  ]
  const isWeekend = (day: number) => weekdayOf(day) === SATURDAY || weekdayOf(day) === SUNDAY
  const taken = new Set(fixed.filter(([day]) => !isWeekend(day)).map(([day]) => day))
  for (const [day, name] of fixed) {
    days.push([day, name])
    if (!isWeekend(day)) continue
    let substitute = day + 1
    while (isWeekend(substitute) || taken.has(substitute)) substitute++
    taken.add(substitute)
    days.push([substitute, `${name} (substitute day)`])
  }

  const oneOff = ENGLAND_ONE_OFF[year]
  for (const [from, to] of oneOff?.moved ?? []) {
    const entry = days.find(([day]) => isoOf(day) === from)
    if (entry) entry[0] = dayOfIso(to)
  }
  for (const { date, name } of oneOff?.added ?? []) {
    days.push([dayOfIso(date), name])
  }
  return days
}

// United States: 5 U.S.C. 6103(a) (Juneteenth from 2021). Observed days per 6103(b) and
// Executive Order 11582: a holiday on a Saturday is observed the Friday before, on a Sunday the
// Monday after, so New Year's Day can be observed on 31 December of the year before.
function unitedStates(year: number): Entry[] {
  const days: Entry[] = [
    [nthWeekday(year, 1, MONDAY, 3), 'Birthday of Martin Luther King, Jr.'],
    [nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday"],
    [nthWeekday(year, 5, MONDAY, -1), 'Memorial Day'],
    [nthWeekday(year, 9, MONDAY, 1), 'Labor Day'],
    [nthWeekday(year, 10, MONDAY, 2), 'Columbus Day'],
    [nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day'],
  ]
  const fixed: [month: number, day: number, name: string, since?: number][] = [
    [1, 1, "New Year's Day"],
    [6, 19, 'Juneteenth National Independence Day', 2021],
    [7, 4, 'Independence Day'],
    [11, 11, 'Veterans Day'],
    [12, 25, 'Christmas Day'],
  ]
  for (const [month, day, name, since] of fixed) {
    if (since !== undefined && year < since) continue
    const date = dayNumber(year, month, day)
    days.push([date, name])
    const weekday = weekdayOf(date)
    if (weekday === SUNDAY) days.push([date + 1, `${name} (observed)`])
    // New Year's Day on a Saturday is observed on 31 December, listed with that year.
    if (weekday === SATURDAY && !(month === 1 && day === 1)) days.push([date - 1, `${name} (observed)`])
  }
  if (weekdayOf(dayNumber(year + 1, 1, 1)) === SATURDAY) {
    days.push([dayNumber(year, 12, 31), "New Year's Day (observed)"])
  }
  return days
}

// Brazil: Lei 662/1949 (with Lei 6.802/1980 for 12 October and Lei 14.759/2023 for 20
// November, from 2024). Good Friday is a religious holiday set by municipal law (Lei 9.093/1995
// Art. 2) but kept almost everywhere, so it is included. Carnival and Corpus Christi are only
// optional days off (ponto facultativo): custom dates where the workspace closes.
function brazil(year: number): Entry[] {
  const days: Entry[] = [
    [dayNumber(year, 1, 1), 'Confraternização Universal'],
    [easterDay(year) - 2, 'Sexta-feira da Paixão'],
    [dayNumber(year, 4, 21), 'Tiradentes'],
    [dayNumber(year, 5, 1), 'Dia do Trabalho'],
    [dayNumber(year, 9, 7), 'Independência do Brasil'],
    [dayNumber(year, 10, 12), 'Nossa Senhora Aparecida'],
    [dayNumber(year, 11, 2), 'Finados'],
    [dayNumber(year, 11, 15), 'Proclamação da República'],
    [dayNumber(year, 12, 25), 'Natal'],
  ]
  if (year >= 2024) days.push([dayNumber(year, 11, 20), 'Dia Nacional de Zumbi e da Consciência Negra'])
  return days
}

const PRESETS: Record<HolidayCountry, (year: number) => Entry[]> = {
  DE: germany,
  FR: france,
  IE: ireland,
  NL: netherlands,
  ES: spain,
  'GB-ENG': england,
  US: unitedStates,
  BR: brazil,
}

/** The holidays of a country preset in one year, sorted by date. */
export function holidaysOf(country: HolidayCountry, year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`)
  return PRESETS[country](year)
    .sort((a, b) => a[0] - b[0])
    .map(([day, name]) => ({ date: isoOf(day), name }))
}

// Looked up once per country and year (deadline computations ask many times).
const presetDates = new Map<string, ReadonlySet<string>>()

function presetDateSet(country: HolidayCountry, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`
  let dates = presetDates.get(key)
  if (!dates) {
    dates = new Set(holidaysOf(country, year).map((holiday) => holiday.date))
    presetDates.set(key, dates)
  }
  return dates
}

/** Whether a date (YYYY-MM-DD) is a day off in the calendar (weekends aside). */
export function isHoliday(calendar: HolidayCalendar, date: string): boolean {
  if (calendar.custom.includes(date)) return true
  return calendar.country !== null && presetDateSet(calendar.country, Number(date.slice(0, 4))).has(date)
}

/** Monday to Friday and not a holiday. */
export function isWorkingDay(calendar: HolidayCalendar, date: string): boolean {
  const weekday = weekdayOf(dayOfIso(date))
  return weekday !== SATURDAY && weekday !== SUNDAY && !isHoliday(calendar, date)
}
