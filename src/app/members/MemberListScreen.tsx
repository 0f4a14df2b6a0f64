import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { DEFAULT_OLDER_AGE_FROM } from '../../domain/club';
import { todayOn } from '../../domain/dates';
import { ageOn, memberSearchText, type Member } from '../../domain/members';
import { matchesFolded } from '../../domain/names';
import { clubProfile, membersInBookOrder } from '../../local/queries';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { useRowLinks } from '../ui/row-links';
import { MEMBER_FILTERS, isMemberFilter, passesFilter, type MemberFilter } from './member-filters';

/** Beyond this many rows the list asks for a search instead of drawing thousands. */
const MOST_ROWS = 300;

/** The words every row uses, looked up once for the list rather than once per row. */
interface RowWords {
  age: (age: number) => string;
  gender: Record<Member['gender'], string>;
  poverty: Record<Exclude<Member['poverty'], 'none'>, string>;
  notMember: string;
  volunteer: string;
  careRecipient: string;
  left: string;
}

function useRowWords(): RowWords {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    // A club's ages are a few dozen numbers: each is said once.
    const ages = new Map<number, string>();
    return {
      age: (age) => {
        let said = ages.get(age);
        if (said === undefined) ages.set(age, (said = t('members.age', { count: age })));
        return said;
      },
      gender: { female: t('members.gender.female'), male: t('members.gender.male') },
      poverty: { nearPoor: t('members.poverty.nearPoor'), poor: t('members.poverty.poor') },
      notMember: t('members.notMemberTag'),
      volunteer: t('members.role.volunteer'),
      careRecipient: t('members.role.careRecipient'),
      left: t('members.leftTag'),
    };
    // The words change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, i18n.language]);
}

const MemberRow = memo(function MemberRow({ member, today, words }: { member: Member; today: string; words: RowWords }) {
  const facts = [words.age(ageOn(member, today)), words.gender[member.gender], member.group, member.notMember && words.notMember].filter(Boolean);
  return (
    <li>
      {/* A plain link: the list follows it (useRowLinks). */}
      <a href={`/members/${member.id}`} className="member-row">
        <span className="member-row__name">{member.fullName}</span>
        <span className="member-row__facts">
          {facts.join(' · ')}
          {member.poverty !== 'none' && <span className="tag">{words.poverty[member.poverty]}</span>}
          {member.roles.includes('volunteer') && <span className="tag">{words.volunteer}</span>}
          {member.roles.includes('careRecipient') && <span className="tag">{words.careRecipient}</span>}
          {member.leftOn !== null && <span className="tag tag--muted">{words.left}</span>}
        </span>
      </a>
    </li>
  );
});

export function MemberListScreen() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const query = params.get('q') ?? '';
  const filterParam = params.get('filter');
  const filter: MemberFilter = isMemberFilter(filterParam) ? filterParam : 'all';
  const deferredQuery = useDeferredValue(query);
  const mayWrite = useMayWrite('members');
  const words = useRowWords();
  const followRow = useRowLinks();

  const members = useLiveQuery(() => membersInBookOrder(db), [db]);
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const olderAgeFrom = club?.olderAgeFrom ?? DEFAULT_OLDER_AGE_FROM;
  const today = todayOn();

  // Folding every name once per change of the list, not once per keystroke.
  const searchable = useMemo(() => (members ?? []).map((m) => ({ member: m, text: memberSearchText(m) })), [members]);
  const shown = useMemo(
    () =>
      searchable
        .filter(({ member, text }) => passesFilter(member, filter, today, olderAgeFrom) && matchesFolded(text, deferredQuery))
        .map(({ member }) => member),
    [searchable, filter, today, olderAgeFrom, deferredQuery],
  );

  const setParams = (next: { q?: string; filter?: MemberFilter }) => {
    const merged = new URLSearchParams();
    const q = next.q ?? query;
    const f = next.filter ?? filter;
    if (q) merged.set('q', q);
    if (f !== 'all') merged.set('filter', f);
    const search = merged.toString();
    navigate(search ? `/members?${search}` : '/members', { replace: true });
  };

  const emptyText =
    members && members.length === 0
      ? t('members.emptyClub')
      : deferredQuery.trim()
        ? t('members.noMatch')
        : t('members.noneInFilter', { filter: t(`members.filter.${filter}`) });

  return (
    <AppShell title={t('members.title')}>
      {/* The search and what the list shows now stay in sight while it scrolls. */}
      <div className="list-tools">
        <input
          className="input search"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t('members.searchPlaceholder')}
          aria-label={t('members.search')}
          value={query}
          onChange={(e) => setParams({ q: e.target.value })}
        />
        {members !== undefined && (
          <div className="list-status">
            <p className="list-count" aria-live="polite" elementtiming="member-list">
              {t('members.count', { count: shown.length })}
            </p>
            {filter !== 'all' && (
              <button type="button" className="filter-on" onClick={() => setParams({ filter: 'all' })} aria-label={t('members.clearFilter', { filter: t(`members.filter.${filter}`) })}>
                {t(`members.filter.${filter}`)} <span aria-hidden="true">✕</span>
              </button>
            )}
          </div>
        )}
      </div>
      <div className="chips" role="group" aria-label={t('members.filtersLabel')}>
        {MEMBER_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'chip chip--on' : 'chip'}
            aria-pressed={f === filter}
            onClick={() => setParams({ filter: f })}
          >
            {t(`members.filter.${f}`)}
          </button>
        ))}
      </div>
      {members === undefined ? null : (
        <>
          {shown.length === 0 ? (
            <p className="empty">{emptyText}</p>
          ) : (
            <ul className="member-list" onClick={followRow}>
              {shown.slice(0, MOST_ROWS).map((m) => (
                <MemberRow key={m.id} member={m} today={today} words={words} />
              ))}
            </ul>
          )}
          {shown.length > MOST_ROWS && <p className="empty">{t('members.tooMany', { count: MOST_ROWS })}</p>}
        </>
      )}
      {mayWrite && (
        <Link href="/members/new" className="fab">
          + {t('members.add')}
        </Link>
      )}
    </AppShell>
  );
}
