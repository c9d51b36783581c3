// Hash routes (#/vendors/ID): back and forward work, and the window can be reloaded in place.

export type Area = "home" | "vendors" | "training" | "products" | "friday" | "catalogues" | "exchange" | "settings";

export type Route =
  | { area: Exclude<Area, "vendors" | "training" | "products" | "friday"> }
  | { area: "friday"; view: "calendar" }
  | { area: "friday"; view: "queue" }
  | { area: "friday"; view: "edition"; id: string }
  | { area: "products"; view: "list" }
  | { area: "products"; view: "new"; vendorId: string }
  | { area: "products"; view: "detail" | "edit"; id: string }
  | { area: "training"; id: string | null }
  | { area: "vendors"; view: "list" }
  | { area: "vendors"; view: "new" }
  | { area: "vendors"; view: "import" }
  | { area: "vendors"; view: "duplicates" }
  | { area: "vendors"; view: "merge"; keep: string; other: string }
  | { area: "vendors"; view: "detail" | "edit"; id: string };

export function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [area, id, action] = parts;
  switch (area) {
    case undefined:
    case "home":
      return { area: "home" };
    case "vendors":
      if (!id) return { area: "vendors", view: "list" };
      if (id === "new") return { area: "vendors", view: "new" };
      if (id === "import") return { area: "vendors", view: "import" };
      if (id === "duplicates") return { area: "vendors", view: "duplicates" };
      if (id === "merge") {
        const other = parts[3];
        if (action && other) return { area: "vendors", view: "merge", keep: action, other };
        return { area: "vendors", view: "duplicates" };
      }
      return { area: "vendors", view: action === "edit" ? "edit" : "detail", id };
    case "training":
      return { area: "training", id: id ?? null };
    case "products":
      if (!id) return { area: "products", view: "list" };
      if (id === "new" && action) return { area: "products", view: "new", vendorId: action };
      return { area: "products", view: parts[2] === "edit" ? "edit" : "detail", id };
    case "friday":
      if (id === "queue") return { area: "friday", view: "queue" };
      if (id === "edition" && action) return { area: "friday", view: "edition", id: action };
      return { area: "friday", view: "calendar" };
    case "catalogues":
    case "exchange":
    case "settings":
      return { area };
    default:
      return { area: "home" };
  }
}

export function href(route: Route): string {
  if (route.area === "products") {
    if (route.view === "list") return "#/products";
    if (route.view === "new") return `#/products/new/${encodeURIComponent(route.vendorId)}`;
    return `#/products/${encodeURIComponent(route.id)}${route.view === "edit" ? "/edit" : ""}`;
  }
  if (route.area === "friday") {
    if (route.view === "queue") return "#/friday/queue";
    if (route.view === "edition") return `#/friday/edition/${encodeURIComponent(route.id)}`;
    return "#/friday";
  }
  if (route.area === "training") return route.id ? `#/training/${encodeURIComponent(route.id)}` : "#/training";
  if (route.area !== "vendors") return route.area === "home" ? "#/" : `#/${route.area}`;
  switch (route.view) {
    case "list":
      return "#/vendors";
    case "new":
      return "#/vendors/new";
    case "import":
      return "#/vendors/import";
    case "duplicates":
      return "#/vendors/duplicates";
    case "merge":
      return `#/vendors/merge/${encodeURIComponent(route.keep)}/${encodeURIComponent(route.other)}`;
    case "detail":
      return `#/vendors/${encodeURIComponent(route.id)}`;
    case "edit":
      return `#/vendors/${encodeURIComponent(route.id)}/edit`;
  }
}

const state = $state<{ route: Route }>({ route: parse(globalThis.location?.hash ?? "") });

if (typeof window !== "undefined") {
  window.addEventListener("hashchange", () => {
    state.route = parse(window.location.hash);
  });
}

export function route(): Route {
  return state.route;
}

export function go(next: Route): void {
  const target = href(next);
  if (window.location.hash !== target) window.location.hash = target;
  state.route = next;
}
