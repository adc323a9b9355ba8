// The dashboard's own component layer: the only file that knows the UI toolkit. `@vscode/webview-ui-toolkit` is
// archived upstream; to move to `@vscode-elements/elements`, change the registration and the tag names here.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Defines the custom elements once per page. */
export function registerComponents(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeBadge(),
    vsCodeDivider(),
    vsCodeProgressRing(),
  );
  registered = true;
}

const TAG = {
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  badge: 'vscode-badge',
  divider: 'vscode-divider',
  progress: 'vscode-progress-ring',
} as const;

/** A button; `appearance` is `primary` for the one main action of a view. */
export function button(
  label: string,
  onClick: () => void,
  options: { appearance?: 'primary' | 'secondary'; title?: string } = {},
): HTMLElement {
  const b = document.createElement(TAG.button);
  b.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title) {
    b.setAttribute('title', options.title);
    b.setAttribute('aria-label', options.title);
  }
  b.textContent = label;
  b.addEventListener('click', () => {
    if (!isDisabled(b)) onClick();
  });
  return b;
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  if (disabled) element.setAttribute('disabled', '');
  else element.removeAttribute('disabled');
}

export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled');
}

/** A checkbox with its label; `onChange` gets the new state. */
export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const c = document.createElement(TAG.checkbox) as HTMLElement & { checked?: boolean };
  if (checked) c.setAttribute('checked', '');
  c.textContent = label;
  c.addEventListener('change', () => onChange(isChecked(c)));
  return c;
}

/** Whether a checkbox is ticked (the toolkit keeps it in a property; before upgrade, the attribute says). */
export function isChecked(element: HTMLElement): boolean {
  const value = (element as HTMLElement & { checked?: unknown }).checked;
  return typeof value === 'boolean' ? value : element.hasAttribute('checked');
}

export function badge(text: string): HTMLElement {
  const b = document.createElement(TAG.badge);
  b.textContent = text;
  return b;
}

export function divider(): HTMLElement {
  const d = document.createElement(TAG.divider);
  d.setAttribute('role', 'separator');
  return d;
}

export function progressRing(label: string): HTMLElement {
  const p = document.createElement(TAG.progress);
  p.setAttribute('aria-label', label);
  return p;
}
