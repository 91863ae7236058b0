// Types of the `nianbao/read` entry: reading published reports (PDF, .docx, web pages, text).
import type { Report } from '../../pkg/nianbao.js';

export type Format = 'pdf' | 'docx' | 'html' | 'text' | 'json';

/** A number read but not put in a cell. `line` is the line of the text the reader made. */
export interface Unplaced {
  line: number;
  /** The PDF page, for numbers the layout could not place under a column. */
  page?: number;
  text: string;
  reason: string;
  reason_en: string;
}

export interface ReadResult {
  report: Report;
  unplaced: Unplaced[];
  /** Rows whose label was not found (`requests.disclosed`): their cells stay blank. */
  missing_rows: string[];
  /** The cells of those rows: blank in `report` because they could not be read, not printed blank. */
  unread: string[];
  format: Format;
  /** What the reader did or skipped: page numbers and repeated headers dropped, pages not read. */
  notes: string[];
}

export interface ReadOptions {
  /** The file's name: a .txt, .md or .html is never taken for JSON. */
  name?: string;
  /** The charset an HTTP answer's Content-Type named: it wins over the page's <meta> (not over a BOM). */
  charset?: string;
  /** The importer to use; by default the package's own (awaiting its init() in a browser). */
  importReport?: (text: string) => { report: Report; unplaced: Unplaced[]; missing_rows: string[] };
  /** With importReport: the package's schema(), so the package is not imported again (a page that has it). */
  schema?: () => { cells: { id: string; table: string; row: string }[] };
  /** PDF pages read at most (60): a 500-page file stops there, with a note. */
  maxPages?: number;
  /** In a browser: the URL of pdfjs-dist/legacy/build/pdf.worker.mjs. */
  workerSrc?: string;
  /** Extra pdf.js getDocument options; a browser gives cMapUrl and standardFontDataUrl. */
  pdfjs?: Record<string, unknown>;
  /** Largest word/document.xml unpacked from a .docx (64 MB). */
  maxXmlBytes?: number;
}

/** Why a file cannot be read; `code` tells the kinds apart. */
export class ReadError extends Error {
  code: 'encrypted' | 'corrupt' | 'no-text' | 'doc' | 'not-docx' | 'too-large' | 'empty' | 'json' | 'no-table';
}

export const LIMITS: { bytes: number; textBytes: number };

/** pdf, docx, doc or text, from the first bytes. */
export function detectFormat(bytes: Uint8Array): 'pdf' | 'docx' | 'doc' | 'text';

/** Reads a published report from its bytes (any format) or its text. Rejects with a ReadError. */
export function readReport(input: Uint8Array | ArrayBuffer | string, options?: ReadOptions): Promise<ReadResult>;

/** The text a reader makes for the importer, before importing: for inspection and tests. */
export function readText(
  input: Uint8Array | ArrayBuffer | string,
  options?: ReadOptions,
): Promise<{ format: Format; text: string; unplaced: Unplaced[]; notes: string[] }>;
