// Types of the `nianbao/read` entry: reading published reports (PDF, .docx, web pages, text).
import type { ImportResult, Matched, Report, Split } from '../../pkg/nianbao.js';

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
  /** Rows not read (`requests.disclosed`): label not found, or numbers that did not fit. */
  missing_rows: string[];
  /** The cells not read: blank in `report` but unknown, not printed blank; check with { unread }. */
  unread: string[];
  /** Rows found by a label other than the official one (a variant, or near it). */
  matched: Matched[];
  /** Rows printed as one digit string (cell borders lost) and split the one way their sums allow. */
  split: Split[];
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
  importReport?: (text: string) => ImportResult;
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
