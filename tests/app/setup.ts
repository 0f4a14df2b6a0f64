import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… waits up to 5 s, not 1 s: a screen that reads IndexedDB (fake-indexeddb) can take
// longer than a second to appear when the two cores are shared with the end-to-end suite.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
window.scrollTo = () => {};
// jsdom has no media queries; uPlot asks one (the screen's pixel ratio) as it loads.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }) as MediaQueryList;
