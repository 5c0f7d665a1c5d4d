import {
  isoFromSerial,
  parseIsoDate,
  parsePeriod,
  periodMidpoint,
  serialFromDecimalYear,
  serialFromYmd,
} from "../../src/core";

describe("Excel date serials, 1900 system", () => {
  it.each([
    [1900, 1, 1, 1],
    [1900, 2, 28, 59],
    [1900, 3, 1, 61], // serial 60 is Excel's fictitious 1900-02-29
    [2025, 10, 1, 45931],
    [2026, 3, 11, 46092],
    [9999, 12, 31, 2958465],
  ])("%i-%i-%i is serial %i", (y, m, d, serial) => {
    expect(serialFromYmd(y, m, d)).toBe(serial);
    expect(isoFromSerial(serial)).toBe(
      `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
    );
  });

  it("shows serial 60 as Excel does", () => expect(isoFromSerial(60)).toBe("1900-02-29"));

  it.each([
    [2026, serialFromYmd(2026, 1, 1)],
    [2026.5, serialFromYmd(2026, 1, 1) + 182.5],
    [2028.5, serialFromYmd(2028, 1, 1) + 183], // leap year
  ])("decimal year %d", (year, serial) =>
    expect(serialFromDecimalYear(year)).toBeCloseTo(serial, 9)
  );

  it.each([
    ["2026-03-11", 46092],
    ["2026-3-1", serialFromYmd(2026, 3, 1)],
    ["2026-02-31", undefined],
    ["11/03/2026", undefined],
  ])("ISO text %s", (text, serial) => expect(parseIsoDate(text)).toBe(serial));
});

describe("period labels", () => {
  const midpoint = (label: string) => {
    const period = parsePeriod(label);
    return period && isoFromSerial(periodMidpoint(period));
  };

  it.each([
    // SPEC's own checks
    ["2H25", "2025-10-01"],
    ["1H27", "2027-04-01"],
    ["Late 2027", "2027-11-16"],
    ["Q1 2026", "2026-02-15"],
    // every form, case- and space-insensitive
    ["1H2027", "2027-04-01"],
    ["H1 2026", "2026-04-01"],
    ["h2 26", "2026-10-01"],
    ["Q3 2026", "2026-08-16"],
    ["q32026", "2026-08-16"],
    ["3Q26", "2026-08-16"],
    ["4Q 2026", "2026-11-16"],
    ["Early 2027", "2027-02-15"],
    ["early2027", "2027-02-15"],
    ["Mid 2027", "2027-07-02"],
    ["MID 27", "2027-07-02"],
    ["LATE 27", "2027-11-16"],
    ["2027", "2027-07-02"],
    ["2027E", "2027-07-02"],
    ["2027e", "2027-07-02"],
    ["FY2027", "2027-07-02"],
    ["FY27", "2027-07-02"],
    ["  2 H 25 ", "2025-10-01"],
    ["2H'25", "2025-10-01"],
    ["2028", "2028-07-02"], // leap year: 366 days, floor(366/2) = 183
  ])("%s → %s", (label, iso) => expect(midpoint(label)).toBe(iso));

  it.each([
    "",
    "3H25",
    "Q5 2026",
    "0Q26",
    "Mid",
    "2027F",
    "next year",
    "H1",
    "25",
    "1899",
    "FY1899",
  ])("%s is not a period", (label) => expect(parsePeriod(label)).toBeUndefined());

  it("gives labels as analysts write them", () => {
    expect(parsePeriod("h2 2025")?.label).toBe("2H25");
    expect(parsePeriod("3q26")?.label).toBe("Q3 2026");
    expect(parsePeriod("late 2027")?.label).toBe("Late 2027");
  });
});
