import { mount } from "svelte";
import "@fontsource/plus-jakarta-sans/400.css";
import "@fontsource/plus-jakarta-sans/500.css";
import "@fontsource/plus-jakarta-sans/600.css";
import "@fontsource/plus-jakarta-sans/700.css";
import "./styles/tokens.css";
import "./styles/base.css";
import { initBackend } from "./backend";
import { lang, setLang } from "./i18n/index.svelte";
import App from "./App.svelte";

setLang(lang());
initBackend().then(() => mount(App, { target: document.getElementById("app")! }));
