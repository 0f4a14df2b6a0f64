import { useCallback, type MouseEvent } from 'react';
import { useLocation } from 'wouter';

/**
 * A long list whose rows are links (the register's 70 people, a stress club's 300 shown):
 * its rows are plain `<a href>` and the list follows a tap on any of them with this one
 * handler. A router Link per row subscribed each of them to the address, which at a cold
 * start on a cheap phone cost more than drawing the rows. A tap with a modifier, or a link
 * to elsewhere, is left to the browser.
 */
export function useRowLinks(): (event: MouseEvent<HTMLElement>) => void {
  const [, navigate] = useLocation();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element).closest('a');
      if (!anchor || !event.currentTarget.contains(anchor) || anchor.target || anchor.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${anchor.pathname}${anchor.search}`);
    },
    [navigate],
  );
}
