// Staff sign-in for the staff pages (/map, /plan, /assessment, /stations), see
// docs/security.md. The session token of POST /api/v1/session is kept in sessionStorage
// (this tab only, gone when it closes) and sent as Authorization: Bearer on every fetch of
// this origin; the HttpOnly cookie the same answer sets serves what cannot send headers
// (EventSource, tiles, image and CSV links). A 401 shows the sign-in form again.

import { h } from './dom.js';
import { applyTranslations, currentLang, onLangChange, setLang, t } from './i18n.js';

const TOKEN_KEY = 'gridmap.token';
const USER_KEY = 'gridmap.user';

const nativeFetch = window.fetch.bind(window);

function token() {
  return window.sessionStorage.getItem(TOKEN_KEY);
}

function sameOrigin(input) {
  const url = new URL(typeof input === 'string' ? input : input.url, window.location.href);
  return url.origin === window.location.origin;
}

let expiredShown = false;

/** fetch with the token added for this origin; a 401 (other than signing in) asks to sign in again. */
window.fetch = async (input, init = {}) => {
  const current = token();
  let options = init;
  if (current && sameOrigin(input)) {
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    if (!headers.has('Authorization')) {
      headers.set('Authorization', 'Bearer ' + current);
    }
    options = { ...init, headers };
  }
  const response = await nativeFetch(input, options);
  const url = typeof input === 'string' ? input : input.url;
  if (response.status === 401 && current && !url.includes('/api/v1/session') && !expiredShown) {
    expiredShown = true;
    window.sessionStorage.removeItem(TOKEN_KEY);
    window.sessionStorage.removeItem(USER_KEY);
    showForm(t('auth.expired')).then(() => window.location.reload());
  }
  return response;
};

/** The signed-in user ({name, displayName, roles, regions}), or null. */
export function currentUser() {
  const text = window.sessionStorage.getItem(USER_KEY);
  return text ? JSON.parse(text) : null;
}

/**
 * Resolves with the signed-in user once there is one: at once with a live session, else
 * after the sign-in form. Adds the user's name and a sign-out button to the header.
 */
export async function requireSignIn() {
  if (token()) {
    const response = await nativeFetch('/api/v1/session', {
      headers: { Accept: 'application/json', Authorization: 'Bearer ' + token() },
    });
    if (response.ok) {
      const user = await response.json();
      window.sessionStorage.setItem(USER_KEY, JSON.stringify(user));
      addSignOut(user);
      return user;
    }
    window.sessionStorage.removeItem(TOKEN_KEY);
  }
  const user = await showForm(null);
  addSignOut(user);
  return user;
}

function showForm(message) {
  return new Promise((resolve) => {
    const existing = document.getElementById('gm-signin');
    if (existing) {
      existing.remove();
    }
    const name = h('input', { id: 'gm-signin-name', name: 'name', autocomplete: 'username', required: 'required' });
    const password = h('input', {
      id: 'gm-signin-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: 'required',
    });
    const error = h('p', { id: 'gm-signin-error', className: 'gm-signin-error', role: 'alert' }, message || '');
    const submit = h('button', { id: 'gm-signin-submit', type: 'submit', 'data-i18n': 'auth.submit' }, t('auth.submit'));
    // the page's own language button is wired once signed in: the form has its own
    const lang = h('button', { id: 'gm-signin-lang', type: 'button', className: 'gm-signin-lang', 'data-i18n': 'lang.switch' },
      t('lang.switch'));
    lang.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
    const form = h(
      'form',
      { className: 'gm-signin-form' },
      lang,
      h('h2', { 'data-i18n': 'auth.title' }, t('auth.title')),
      h('p', { 'data-i18n': 'auth.intro' }, t('auth.intro')),
      h('label', null, h('span', { 'data-i18n': 'auth.name' }, t('auth.name')), name),
      h('label', null, h('span', { 'data-i18n': 'auth.password' }, t('auth.password')), password),
      error,
      submit,
    );
    const overlay = h('div', { id: 'gm-signin', className: 'gm-signin', role: 'dialog', 'aria-modal': 'true' }, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const response = await nativeFetch('/api/v1/session', {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: name.value.trim(), password: password.value }),
        });
        if (!response.ok) {
          error.textContent = response.status === 429 ? t('auth.tooMany') : t('auth.failed');
          password.value = '';
          password.focus();
          return;
        }
        const session = await response.json();
        window.sessionStorage.setItem(TOKEN_KEY, session.token);
        window.sessionStorage.setItem(USER_KEY, JSON.stringify(session.user));
        overlay.remove();
        expiredShown = false;
        resolve(session.user);
      } catch (e) {
        error.textContent = t('status.network');
      } finally {
        submit.disabled = false;
      }
    });
    document.body.append(overlay);
    onLangChange(() => applyTranslations(overlay));
    name.focus();
  });
}

function addSignOut(user) {
  const nav = document.querySelector('.gm-nav');
  if (!nav || document.getElementById('gm-signout')) {
    return;
  }
  const who = h('span', { id: 'gm-user', className: 'gm-user' }, user.displayName || user.name);
  const button = h('button', { id: 'gm-signout', type: 'button', className: 'gm-lang', 'data-i18n': 'auth.signOut' },
    t('auth.signOut'));
  button.addEventListener('click', async () => {
    await nativeFetch('/api/v1/session', { method: 'DELETE', headers: { Authorization: 'Bearer ' + token() } });
    window.sessionStorage.removeItem(TOKEN_KEY);
    window.sessionStorage.removeItem(USER_KEY);
    window.location.reload();
  });
  nav.append(who, button);
}
