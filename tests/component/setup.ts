import '@testing-library/jest-dom/vitest';

// jsdom has no ResizeObserver; Svelte's bind:clientWidth needs one. Elements
// measure 0 px under jsdom, so charts fall back to their default width.
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = ResizeObserverStub;
}
