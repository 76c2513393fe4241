/**
 * The end-user pages of identity-verified recovery, shaped like Okta's Sign-In Widget: one card, the org's
 * name, a heading and a form. Plain HTML with inline styles (the pages load nothing else), and everything
 * that comes from a request or the admin's configuration escaped.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);
}

const STYLE = `*{box-sizing:border-box}body{margin:0;min-height:100vh;background:#f4f4f4;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d21;display:flex;align-items:flex-start;justify-content:center}
main{background:#fff;width:100%;max-width:400px;margin:48px 16px;padding:32px 40px;border:1px solid #d7d7dc;border-radius:6px;box-shadow:0 2px 4px rgba(0,0,0,.08)}
.brand{font-weight:700;color:#00297a;text-align:center;border-bottom:1px solid #e5e5e5;padding-bottom:16px;margin-bottom:24px}
h1{font-size:20px;text-align:center;margin:0 0 16px}label{display:block;font-weight:600;margin:16px 0 4px}
input[type=text],input[type=password]{width:100%;padding:8px 10px;border:1px solid #8c8c96;border-radius:4px;font:inherit}
input:focus,button:focus{outline:2px solid #1662dd;outline-offset:2px}
button{display:block;width:100%;margin-top:16px;padding:10px;border:1px solid #1662dd;border-radius:4px;background:#1662dd;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button.secondary{background:#fff;color:#1662dd}.note{color:#4a4a55;font-size:14px}.hint{color:#4a4a55;font-size:14px;margin:4px 0 0}
.error{color:#a3001b;background:#fdeeee;border:1px solid #f2b8b8;border-radius:4px;padding:8px 12px}a{color:#1662dd}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} - Okta sandbox</title><style>${STYLE}</style></head>
<body><main aria-labelledby="page-title"><div class="brand">Okta sandbox org</div>
<h1 id="page-title">${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

const alert = (message: string | undefined) => (message ? `<p class="error" role="alert" id="form-error">${escapeHtml(message)}</p>` : "");
const backLink = `<p><a href="/signin/forgot-password">Back to account recovery</a></p>`;

/** The start page: username and the two recovery actions, each its own submit button (`name="action"`). */
export function forgotPasswordPage(options: { vendorName: string | null; username?: string; error?: string }): string {
  const note = options.vendorName
    ? `Your organization requires you to verify your identity with <strong>${escapeHtml(options.vendorName)}</strong> before you reset your password or authenticators. You will continue at ${escapeHtml(options.vendorName)} and come back here.`
    : "Your organization requires identity verification before you reset your password or authenticators.";
  const invalid = options.error ? ` aria-invalid="true" aria-describedby="form-error"` : "";
  return page(
    "Recover your account",
    `<p class="note" id="idv-note">${note}</p>${alert(options.error)}
<form method="post" action="/signin/forgot-password">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.username ?? "")}"${invalid}>
<button type="submit" name="action" value="PASSWORD_RECOVERY">Reset password</button>
<button type="submit" name="action" value="AUTHENTICATOR_RESET" class="secondary">Reset authenticators</button>
</form>`,
  );
}

export function noIdvProviderPage(): string {
  return page(
    "Identity verification required",
    `<p>Your organization's Account Management Policy requires identity verification to reset a password or authenticators, and no identity verification provider is configured.</p><p>Contact your help desk.</p>${backLink}`,
  );
}

export function idvUnavailablePage(vendorName: string): string {
  return page(
    "Identity verification unavailable",
    `<p>The identity verification service is unavailable (${escapeHtml(vendorName)}). Nothing was changed.</p><p>Try again later, or contact your help desk.</p>${backLink}`,
  );
}

export function invalidCallbackPage(): string {
  return page(
    "This verification cannot be used",
    `<p>This identity verification was not started in this browser, has already been used, or has expired. Nothing was changed.</p>${backLink}`,
  );
}

export function verificationNotCompletedPage(vendorName: string): string {
  return page(
    "Identity verification not completed",
    `<p>Identity verification was not completed with ${escapeHtml(vendorName)}, so your account was not changed.</p><p>Try again, or contact your help desk.</p>${backLink}`,
  );
}

export function verificationRefusedPage(): string {
  return page(
    "Identity not verified",
    `<p>The verified identity did not match this account, so your account was not changed.</p><p>Contact your help desk.</p>${backLink}`,
  );
}

export const MIN_PASSWORD_LENGTH = 8;

export function choosePasswordPage(options: { token: string; error?: string }): string {
  const described = options.error ? "password-hint form-error" : "password-hint";
  return page(
    "Choose a new password",
    `<p class="note">Your identity was verified.</p>${alert(options.error)}
<form method="post" action="/signin/reset-password">
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<label for="newPassword">New password</label>
<input type="password" id="newPassword" name="newPassword" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required aria-describedby="${described}">
<p class="hint" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters.</p>
<label for="confirmPassword">Repeat new password</label>
<input type="password" id="confirmPassword" name="confirmPassword" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<button type="submit">Change password</button>
</form>`,
  );
}

export function passwordChangedPage(): string {
  return page("Password changed", `<p role="status">Your password was changed. Sign in with it.</p>`);
}

export function authenticatorsResetPage(): string {
  return page(
    "Authenticators reset",
    `<p role="status">Your authenticators were reset. The next time you sign in, you will set up new ones.</p>`,
  );
}

export function passwordResetInvalidPage(): string {
  return page(
    "This password reset cannot be used",
    `<p>This password reset was not started in this browser, has already been used, or has expired. Nothing was changed.</p>${backLink}`,
  );
}
