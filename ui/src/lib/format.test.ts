import { describe, it, expect } from "vitest";
import { formatBytes, formatPhone, shortCity } from "./format";

describe("formatPhone", () => {
  it("groups an Indonesian mobile number the usual way", () => {
    expect(formatPhone("+6281234567890")).toBe("+62 812-3456-7890");
    expect(formatPhone("+628123456789")).toBe("+62 812-345-6789");
    expect(formatPhone("+62812345678")).toBe("+62 812-345-678");
  });
  it("leaves anything else as it is", () => {
    expect(formatPhone("+1415555")).toBe("+1415555");
  });
});

describe("shortCity", () => {
  it("drops the administrative prefix", () => {
    expect(shortCity("Kota Administrasi Jakarta Pusat")).toBe("Jakarta Pusat");
    expect(shortCity("Kabupaten Administrasi Kepulauan Seribu")).toBe("Kepulauan Seribu");
  });
});

describe("formatBytes", () => {
  it("writes sizes in kB under a megabyte and never says 0", () => {
    expect(formatBytes(9_800_000)).toBe("9.8 MB");
    expect(formatBytes(120_400)).toBe("120 kB");
    expect(formatBytes(12)).toBe("1 kB");
  });
});
