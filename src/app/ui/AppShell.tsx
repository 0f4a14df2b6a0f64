import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRoute } from 'wouter';
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
        <NavLink href="/settings" icon="⚙" label={t('nav.settings')} />
      </nav>
    </div>
  );
}
