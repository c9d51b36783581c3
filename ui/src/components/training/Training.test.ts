import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { setBackend, EMPTY_CLASS } from "../../backend";
import { MockBackend, sitiVendor } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import ClassList from "./ClassList.svelte";
import ClassPage from "./ClassPage.svelte";

let mock: MockBackend;

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([
    sitiVendor(),
  ]);
  setBackend(mock);
  await loadReference();
});

describe("ClassList", () => {
  it("plans a class from the form and shows the refusal beside the field", async () => {
    render(ClassList);
    await fireEvent.click(await screen.findByTestId("new-class"));
    mock.failNext({
      code: "invalid",
      message: { id: "Periksa isian", en: "Please check" },
      fields: [{ field: "topic", code: "required", message: { id: "Topik wajib diisi.", en: "The topic is required." } }],
      duplicates: [],
    });
    await fireEvent.click(screen.getByTestId("save-class"));
    await screen.findByText("Topik wajib diisi.");
    await fireEvent.input(screen.getByTestId("class-topic"), { target: { value: "Foto produk" } });
    await fireEvent.input(screen.getByTestId("class-starts-on"), { target: { value: "2026-11-02" } });
    await fireEvent.click(screen.getByTestId("save-class"));
    await waitFor(() => expect(mock.classes).toHaveLength(1));
    expect(mock.classes[0].topic).toBe("Foto produk");
    expect(window.location.hash).toBe("#/training/class-1");
  });
});

describe("ClassPage", () => {
  beforeEach(async () => {
    await mock.createClass({ ...EMPTY_CLASS, topic: "Foto produk", starts_on: "2026-11-02" });
  });

  it("adds a participant found by search and records attendance", async () => {
    render(ClassPage, { id: "class-1" });
    await screen.findByText("Foto produk");
    await fireEvent.input(screen.getByTestId("participant-search"), { target: { value: "kue" } });
    await fireEvent.click(await screen.findByTestId("enrol"));
    await screen.findByTestId("participants");
    await fireEvent.click(screen.getByTestId("attendance-attended"));
    await waitFor(() => expect(mock.classes[0].list[0].status).toBe("attended"));
    const call = mock.calls.find((c) => c.method === "recordAttendance");
    expect(call?.args).toEqual(["class-1", ["v1"], "attended"]);
  });

  it("saves the attendance sheet and says where", async () => {
    await mock.enrol("class-1", ["v1"]);
    render(ClassPage, { id: "class-1" });
    await fireEvent.click(await screen.findByTestId("attendance-sheet"));
    await waitFor(() => expect(mock.calls.some((c) => c.method === "attendanceSheet")).toBe(true));
  });
});
