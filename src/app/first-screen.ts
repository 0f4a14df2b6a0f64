/**
 * The User Timing mark set when the app's first screen (not its loading state) is on the
 * page. main.tsx waits for it before loading what can wait; `npm run bench` counts the
 * JavaScript asked for before it; the browser's performance panel shows it.
 */
export const FIRST_SCREEN_MARK = 'so-clb:first-screen';
