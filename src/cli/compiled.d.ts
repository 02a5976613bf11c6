// Types of compiled.js (plain JavaScript: bin.js runs it before any TypeScript loader is registered).
export declare const compiledMain: string;
export declare function compiledIsFresh(): boolean;
