import { useState } from 'react';
import { Link } from 'wouter';
import { formatDate } from '../../domain/dates';
import { vietnamDay } from '../../domain/periods';
import type { AssociationView, AssociationViewRow } from '../../domain/protocol';
import { viewSearch } from './api';
import { useAssociationStrings } from './strings';
import { CLUB_COLUMNS, formatCell, GROUP_COLUMNS, placeName, sortRows, viewHref, type Sort, type SortKey } from './view-figures';

/** Names, areas and reports sort A to Z (missing first) at the first tap; figures biggest first. */
const TEXT_FIRST = new Set<SortKey>(['name', 'area', 'report']);

/** A column's heading: a button that sorts by it, saying which way it is sorted. */
function SortHeader({ id, label, sort, onSort }: { id: SortKey; label: string; sort: Sort; onSort: (sort: Sort) => void }) {
  const text = TEXT_FIRST.has(id);
  const { t } = useAssociationStrings();
  const on = sort.key === id;
  return (
    <th scope="col" className={text ? 'association-text' : undefined} aria-sort={on ? (sort.up ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="association-sort" onClick={() => onSort({ key: id, up: on ? !sort.up : text })}>
        {label}
        {on && (
          <span aria-hidden="true" className="association-sort__mark">
            {sort.up ? '▲' : '▼'}
          </span>
        )}
        {on && <span className="visually-hidden">{` (${t(sort.up ? 'rows.sortedUp' : 'rows.sortedDown')})`}</span>}
      </button>
    </th>
  );
}

/** A club's report for the period, in words and a mark. */
function ReportCell({ report }: { report: NonNullable<AssociationViewRow['club']>['report'] }) {
  const { t } = useAssociationStrings();
  const date = report.sentAt ? formatDate(vietnamDay(report.sentAt)) : '';
  return <span className={`association-status association-status--${report.status}`}>{t(`status.${report.status}`, { date })}</span>;
}

/**
 * The place's parts, a row each: provinces, communes (each a link one level down) or clubs
 * (each a link to its reports, with its area and report). Sorted by any column; the total last.
 * Wide: it scrolls sideways in its own box, which the keyboard can reach.
 */
export function RowsTable({ view }: { view: AssociationView }) {
  const { t, tr } = useAssociationStrings();
  const [sort, setSort] = useState<Sort>({ key: 'name', up: true });
  const clubs = view.level === 'commune';
  const columns = clubs ? CLUB_COLUMNS : GROUP_COLUMNS;
  const rows = sortRows(view.rows, sort, columns);
  const here = { period: view.period.key, province: view.place.provinceKey, commune: view.place.communeKey };
  const title = view.level === 'nation' ? t('rows.nation') : t(`rows.${view.level}`, { place: placeName(view.place, t) });
  const hrefOf = (row: AssociationViewRow) =>
    row.club
      ? `/association/clubs/${encodeURIComponent(row.club.clubId)}${viewSearch(here)}`
      : view.level === 'nation'
        ? viewHref({ period: here.period, province: row.key, commune: null })
        : viewHref({ ...here, commune: row.key });
  const nameHeader = t(view.level === 'nation' ? 'rows.nameNation' : view.level === 'province' ? 'rows.nameProvince' : 'rows.nameCommune');
  return (
    <section className="association-section">
      <h2 id="association-rows">{title}</h2>
      {view.rows.length === 0 ? (
        <p className="empty">{t('rows.none')}</p>
      ) : (
        <>
          <p className="field__hint association-scroll-hint">{t('rows.scrollHint')}</p>
          <div className="association-table-wrap" role="region" tabIndex={0} aria-label={title}>
            {/* Named by the heading above it: a hidden caption is not a 1 px box in a table's layout. */}
            <table className="association-table association-rows" aria-labelledby="association-rows">
              <thead>
                <tr>
                  <SortHeader id="name" label={nameHeader} sort={sort} onSort={setSort} />
                  {clubs && <SortHeader id="area" label={t('rows.area')} sort={sort} onSort={setSort} />}
                  {clubs && <SortHeader id="report" label={t('rows.report')} sort={sort} onSort={setSort} />}
                  {columns.map((column) => (
                    <SortHeader key={column.id} id={column.id} label={t(column.header)} sort={sort} onSort={setSort} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-row={row.key}>
                    <th scope="row">
                      <Link href={hrefOf(row)} className="association-row-link">
                        {row.name}
                      </Link>
                    </th>
                    {row.club && <td className="association-text">{t(`communes.${row.club.areaType}`)}</td>}
                    {row.club && (
                      <td className="association-text">
                        <ReportCell report={row.club.report} />
                      </td>
                    )}
                    {clubs && !row.club && <td />}
                    {clubs && !row.club && <td />}
                    {columns.map((column) => (
                      <td key={column.id} data-column={column.id}>
                        {formatCell(column.cell(row.figures), column.kind, tr)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('rows.total')}</th>
                  {clubs && <td />}
                  {clubs && <td />}
                  {columns.map((column) => {
                    const footer = column.footer ?? column;
                    return (
                      <td key={column.id} data-column={column.id}>
                        {formatCell(footer.cell(view.total), footer.kind, tr)}
                      </td>
                    );
                  })}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
