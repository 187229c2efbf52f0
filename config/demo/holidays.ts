/** Public holidays the demo regions close on, 2026–2027 (US federal with observed days, German nationwide, Vietnamese). */
type Holiday = { date: string; name: string };

export const US_HOLIDAYS: Holiday[] = [
  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
  { date: '2026-02-16', name: "Washington's Birthday" },
  { date: '2026-05-25', name: 'Memorial Day' },
  { date: '2026-06-19', name: 'Juneteenth' },
  { date: '2026-07-03', name: 'Independence Day (observed)' },
  { date: '2026-09-07', name: 'Labor Day' },
  { date: '2026-10-12', name: 'Columbus Day' },
  { date: '2026-11-11', name: 'Veterans Day' },
  { date: '2026-11-26', name: 'Thanksgiving Day' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-01-18', name: 'Martin Luther King Jr. Day' },
  { date: '2027-02-15', name: "Washington's Birthday" },
  { date: '2027-05-31', name: 'Memorial Day' },
  { date: '2027-06-18', name: 'Juneteenth (observed)' },
  { date: '2027-07-05', name: 'Independence Day (observed)' },
  { date: '2027-09-06', name: 'Labor Day' },
  { date: '2027-10-11', name: 'Columbus Day' },
  { date: '2027-11-11', name: 'Veterans Day' },
  { date: '2027-11-25', name: 'Thanksgiving Day' },
  { date: '2027-12-24', name: 'Christmas Day (observed)' },
];

export const GERMAN_HOLIDAYS: Holiday[] = [
  { date: '2026-01-01', name: 'Neujahr' },
  { date: '2026-04-03', name: 'Karfreitag' },
  { date: '2026-04-06', name: 'Ostermontag' },
  { date: '2026-05-01', name: 'Tag der Arbeit' },
  { date: '2026-05-14', name: 'Christi Himmelfahrt' },
  { date: '2026-05-25', name: 'Pfingstmontag' },
  { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
  { date: '2026-12-25', name: '1. Weihnachtstag' },
  { date: '2026-12-26', name: '2. Weihnachtstag' },
  { date: '2027-01-01', name: 'Neujahr' },
  { date: '2027-03-26', name: 'Karfreitag' },
  { date: '2027-03-29', name: 'Ostermontag' },
  { date: '2027-05-01', name: 'Tag der Arbeit' },
  { date: '2027-05-06', name: 'Christi Himmelfahrt' },
  { date: '2027-05-17', name: 'Pfingstmontag' },
  { date: '2027-10-03', name: 'Tag der Deutschen Einheit' },
  { date: '2027-12-25', name: '1. Weihnachtstag' },
  { date: '2027-12-26', name: '2. Weihnachtstag' },
];

/** Consecutive dates from `first` to `last` (inclusive), all with one name. */
function span(first: string, last: string, name: string): Holiday[] {
  const days: Holiday[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push({ date: d.toISOString().slice(0, 10), name });
  }
  return days;
}

export const VIETNAMESE_HOLIDAYS: Holiday[] = [
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  ...span('2026-02-14', '2026-02-22', 'Tết Nguyên Đán'),
  { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (bù)' },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2026-05-01', name: 'Quốc tế Lao động' },
  { date: '2026-09-01', name: 'Quốc khánh' },
  { date: '2026-09-02', name: 'Quốc khánh' },
  { date: '2027-01-01', name: 'Tết Dương lịch' },
  ...span('2027-02-05', '2027-02-10', 'Tết Nguyên Đán'),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2027-05-01', name: 'Quốc tế Lao động' },
  { date: '2027-09-02', name: 'Quốc khánh' },
  { date: '2027-09-03', name: 'Quốc khánh' },
];
