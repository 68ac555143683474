// Expected holidays written by hand from each country's rules and published calendars.
import { describe, expect, it } from 'vitest'
import {
  type HolidayCountry,
  easterSunday,
  holidaysOf,
  isHoliday,
  isHolidayCountry,
  isWorkingDay,
} from './holidays'

describe('easterSunday (Anonymous Gregorian algorithm)', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date)
  })
})

describe('the 2026 calendar of each preset', () => {
  it.each<[HolidayCountry, string[]]>([
    ['DE', ['01-01', '04-03', '04-06', '05-01', '05-14', '05-25', '10-03', '12-25', '12-26']],
    [
      'FR',
      ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'],
    ],
    ['IE', ['01-01', '02-02', '03-17', '04-06', '05-04', '06-01', '08-03', '10-26', '12-25', '12-26']],
    ['NL', ['01-01', '04-06', '04-27', '05-05', '05-14', '05-25', '12-25', '12-26']],
    ['ES', ['01-01', '01-06', '04-03', '05-01', '08-15', '10-12', '11-01', '12-06', '12-08', '12-25']],
    ['GB-ENG', ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-26', '12-28']],
    [
      'US',
      [
        '01-01',
        '01-19',
        '02-16',
        '05-25',
        '06-19',
        '07-03',
        '07-04',
        '09-07',
        '10-12',
        '11-11',
        '11-26',
        '12-25',
      ],
    ],
    ['BR', ['01-01', '04-03', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '11-20', '12-25']],
  ])('%s', (country, days) => {
    expect(holidaysOf(country, 2026).map((holiday) => holiday.date)).toEqual(days.map((day) => `2026-${day}`))
  })
})

describe('moving and one-off holidays', () => {
  const dates = (country: HolidayCountry, year: number) =>
    holidaysOf(country, year).map((holiday) => holiday.date)

  it.each<[string, HolidayCountry, number, string, boolean]>([
    ['US Thanksgiving 2026 is the fourth Thursday of November', 'US', 2026, '2026-11-26', true],
    ['US Independence Day 2026 (Saturday) is observed on Friday 3 July', 'US', 2026, '2026-07-03', true],
    ["US New Year's Day 2022 (Saturday) is observed on Friday 31 Dec 2021", 'US', 2021, '2021-12-31', true],
    ["… and not again in 2022's own list", 'US', 2022, '2021-12-31', false],
    ["US New Year's Day 2023 (Sunday) is observed on Monday 2 January", 'US', 2023, '2023-01-02', true],
    ['US Juneteenth is a federal holiday from 2021', 'US', 2021, '2021-06-18', true],
    ['… and not before', 'US', 2020, '2020-06-19', false],
    [
      'England: Boxing Day 2026 (Saturday) is substituted on Monday 28 Dec',
      'GB-ENG',
      2026,
      '2026-12-28',
      true,
    ],
    [
      'England: Christmas 2027 (Saturday) is substituted on Monday 27 Dec',
      'GB-ENG',
      2027,
      '2027-12-27',
      true,
    ],
    [
      'England: Boxing Day 2027 (Sunday) is substituted on Tuesday 28 Dec',
      'GB-ENG',
      2027,
      '2027-12-28',
      true,
    ],
    ['England: Christmas 2022 (Sunday) is substituted on Tuesday 27 Dec', 'GB-ENG', 2022, '2022-12-27', true],
    [
      "England: New Year's Day 2022 (Saturday) is substituted on Monday 3 Jan",
      'GB-ENG',
      2022,
      '2022-01-03',
      true,
    ],
    ['England: the early May bank holiday 2020 moved to Friday 8 May', 'GB-ENG', 2020, '2020-05-08', true],
    ['… so Monday 4 May 2020 was not one', 'GB-ENG', 2020, '2020-05-04', false],
    ["England: the Queen's state funeral, 19 Sep 2022", 'GB-ENG', 2022, '2022-09-19', true],
    ['England: the spring bank holiday 2022 moved to Thursday 2 June', 'GB-ENG', 2022, '2022-06-02', true],
    ["Ireland: St Brigid's Day 2030 is Friday 1 February", 'IE', 2030, '2030-02-01', true],
    ["Ireland: St Brigid's Day 2027 is the first Monday, 1 February", 'IE', 2027, '2027-02-01', true],
    ["Ireland: no St Brigid's Day before 2023", 'IE', 2022, '2022-02-07', false],
    [
      "Netherlands: King's Day 2025 moves to Saturday 26 April (the 27th is a Sunday)",
      'NL',
      2025,
      '2025-04-26',
      true,
    ],
    ['Germany: Reformation Day was national in 2017 only', 'DE', 2017, '2017-10-31', true],
    ['… not in 2026', 'DE', 2026, '2026-10-31', false],
    ['Germany: Easter Monday 2027 is 29 March', 'DE', 2027, '2027-03-29', true],
    ['Brazil: Consciência Negra is national from 2024', 'BR', 2024, '2024-11-20', true],
    ['… and not in 2023', 'BR', 2023, '2023-11-20', false],
    ['France: Whit Monday 2027 is 17 May', 'FR', 2027, '2027-05-17', true],
    ['Spain: Good Friday 2027 is 26 March', 'ES', 2027, '2027-03-26', true],
  ])('%s', (_story, country, year, date, listed) => {
    expect(dates(country, year).includes(date)).toBe(listed)
  })
})

describe('working days: Monday to Friday and not a holiday', () => {
  it.each<[string, HolidayCountry | null, string[], string, { holiday: boolean; working: boolean }]>([
    ['a plain Tuesday', 'DE', [], '2026-04-07', { holiday: false, working: true }],
    ['Easter Monday in Germany', 'DE', [], '2026-04-06', { holiday: true, working: false }],
    ['a Saturday', 'DE', [], '2026-04-11', { holiday: false, working: false }],
    ['a Sunday with no calendar', null, [], '2026-04-12', { holiday: false, working: false }],
    ['Easter Monday with no calendar', null, [], '2026-04-06', { holiday: false, working: true }],
    ["a workspace's own day off", 'DE', ['2026-04-07'], '2026-04-07', { holiday: true, working: false }],
    [
      'an own day off without a country',
      null,
      ['2026-12-24'],
      '2026-12-24',
      { holiday: true, working: false },
    ],
    ['US observed Independence Day', 'US', [], '2026-07-03', { holiday: true, working: false }],
    ['US New Year observed in the year before', 'US', [], '2021-12-31', { holiday: true, working: false }],
  ])('%s (%s)', (_story, country, custom, date, expected) => {
    const calendar = { country, custom }
    expect({ holiday: isHoliday(calendar, date), working: isWorkingDay(calendar, date) }).toEqual(expected)
  })
})

it.each([
  ['DE', true],
  ['GB-ENG', true],
  ['GB', false],
  ['toString', false],
])('isHolidayCountry(%s) is %s', (value, expected) => {
  expect(isHolidayCountry(value)).toBe(expected)
})
