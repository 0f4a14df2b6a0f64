import { useState } from 'react';
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { serverErrorKey } from '../sync/server-errors';
import { BookFormView, useBookForm } from '../ui/book-form';
import { TextField } from '../ui/fields';
import { canScanQr, QrScanner } from '../ui/QrScanner';

export interface ServerFormValues {
  serverUrl: string;
  secret: string;
  deviceName: string;
}

/** An http(s) address, without a trailing slash; null when it is not one. */
export function normalServerUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** A scanned invite QR holds a join link: the server's address and the code. */
export function readJoinLink(text: string): { serverUrl: string; code: string } | null {
  try {
    const url = new URL(text);
    const code = url.searchParams.get('code');
    return code ? { serverUrl: url.origin, code } : null;
  } catch {
    return null;
  }
}

/** The three fields, checked before anything is sent: each problem beside its field. */
function serverFormResolver(kind: 'setup' | 'invite'): Resolver<ServerFormValues> {
  return async (values): Promise<ResolverResult<ServerFormValues>> => {
    const serverUrl = normalServerUrl(values.serverUrl);
    const errors: Record<string, { type: string; message: string }> = {};
    if (!serverUrl) errors.serverUrl = { type: 'check', message: 'connect.badAddress' };
    if (!values.secret.trim()) errors.secret = { type: 'check', message: kind === 'setup' ? 'connect.setupCodeRequired' : 'join.codeRequired' };
    if (!values.deviceName.trim()) errors.deviceName = { type: 'check', message: 'connect.deviceNameRequired' };
    if (!serverUrl || Object.keys(errors).length > 0) return { values: {}, errors: errors as FieldErrors<ServerFormValues> };
    // An invite code is read aloud in groups ("K7M2 PX9Q"): spaces and dashes are not part of it.
    const secret = kind === 'invite' ? values.secret.replace(/[\s-]/g, '').toUpperCase() : values.secret.trim();
    return { values: { serverUrl, secret, deviceName: values.deviceName.trim() }, errors: {} };
  };
}

/**
 * The three things a phone needs to reach the association's server: its address, a
 * secret (the setup code to create a club, or an invite code to join one), and a name
 * for this phone that the chair will recognise in the list of devices. The address and
 * the name are kept as a draft; a code never is (it is a key, and a link may bring a new one).
 */
export function ServerForm(props: {
  kind: 'setup' | 'invite';
  initial: Partial<ServerFormValues>;
  submitLabel: string;
  onSubmit: (values: ServerFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const book = useBookForm<ServerFormValues>({
    draftKey: `server:${props.kind}`,
    initial: { serverUrl: '', secret: '', deviceName: '', ...props.initial },
    resolver: serverFormResolver(props.kind),
    draftOmit: ['secret'],
  });
  const { control, setValue } = book.form;
  const submit = book.onSubmit(props.onSubmit, (error) => serverErrorKey(error, props.kind === 'setup' ? 'connect' : undefined));

  return (
    <BookFormView book={book} onSubmit={submit} submitLabel={props.submitLabel}>
      <TextField control={control} name="serverUrl" required maxLength={200} label={t('connect.serverUrl')} hint={t('connect.serverUrlHint')} autoComplete="url" />
      <TextField
        control={control}
        name="secret"
        required
        maxLength={200}
        label={props.kind === 'setup' ? t('connect.setupCode') : t('join.code')}
        hint={props.kind === 'setup' ? t('connect.setupCodeHint') : t('join.codeHint')}
      />
      {props.kind === 'invite' && canScanQr() && !scanning && (
        <button type="button" className="button" onClick={() => setScanning(true)}>
          {t('join.scan')}
        </button>
      )}
      {scanning && (
        <QrScanner
          onClose={() => setScanning(false)}
          onRead={(text) => {
            setScanning(false);
            const link = readJoinLink(text);
            if (link) {
              setValue('serverUrl', link.serverUrl, { shouldDirty: true });
              setValue('secret', link.code, { shouldDirty: true });
            } else setValue('secret', text, { shouldDirty: true });
          }}
        />
      )}
      <TextField control={control} name="deviceName" required maxLength={80} label={t('connect.deviceName')} hint={t('connect.deviceNameHint')} />
    </BookFormView>
  );
}
