import 'react';

declare module 'react' {
  // The augmentation must repeat React's own type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<T> {
    /**
     * The Element Timing API: the browser records when this element is first painted
     * (PerformanceElementTiming). `npm run bench` reads it to time a cold start until the
     * member list is on screen; the browser's performance panel shows it too.
     */
    elementtiming?: string;
  }
}
