import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRoute } from 'wouter';
import { canRead } from '../../domain/collection';
import { entries } from '../../domain/entries';
import { visits } from '../../domain/visits';
import { useDeviceRole } from '../sync/use-connection';
import { FlashMessage } from './flash';
import { SaveBadge } from './SaveBadge';

function NavLink({ href, icon, label }: { href: string; icon: string; label: string }) {
  const [active] = useRoute(href === '/' ? '/' : `${href}/*?`);
  return (
    <Link href={href} className={active ? 'nav__link nav__link--active' : 'nav__link'} aria-current={active ? 'page' : undefined}>
      <span className="nav__icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </Link>
  );
}

/** Title bar, save badge, the screen, and at most five big tabs within thumb reach. */
export function AppShell({ title, back, children }: { title: string; back?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [path] = useLocation();
  // The treasurer's phone keeps the fund, not the club's health: no care tab on it.
  const role = useDeviceRole();
  const readsCare = role !== undefined && canRead(visits, role);
  // Five tabs at most: the fund takes the care tab's place on a phone that keeps the fund and not care (the treasurer's);
  // the chair reaches the fund from its home tile.
  const fundTab = !readsCare && role !== undefined && canRead(entries, role);
  // A new screen starts at its top, not where the last one was scrolled to.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [path]);
  return (
    <div className="shell">
      <header className="topbar">
        {back && (
          <Link href={back} className="topbar__back" aria-label={t('common.back')}>
            ‹
          </Link>
        )}
        <h1 className="topbar__title">{title}</h1>
      </header>
      <SaveBadge />
      <main className="screen">{children}</main>
      <FlashMessage />
      <nav className="nav" aria-label={t('nav.label')}>
        <NavLink href="/" icon="⌂" label={t('nav.home')} />
        <NavLink href="/members" icon="☰" label={t('nav.members')} />
        <NavLink href="/meetings" icon="▦" label={t('nav.meetings')} />
        {readsCare && <NavLink href="/care" icon="♥" label={t('nav.care')} />}
        {fundTab && <NavLink href="/fund" icon="₫" label={t('nav.fund')} />}
        <NavLink href="/settings" icon="⚙" label={t('nav.settings')} />
      </nav>
    </div>
  );
}
