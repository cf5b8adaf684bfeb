import type { Language } from "../bindings";
import { en, type MessageKey } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { pl } from "./pl";

export const CATALOGS: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, es, fr, pl };
