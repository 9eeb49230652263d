// View switches in the header: language, dark theme, table view. They change only the view slice.
import { useSim, useView, type Lang } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';

const LANG_NAMES: ReadonlyArray<[Lang, string]> = [['en', 'English'], ['zh-Hant', '繁體中文'], ['zh-Hans', '简体中文']];

export function ViewMenu() {
  const { lang, theme, tableView } = useView();
  const sim = useSim();
  const t = useT();
  return (
    <div className="view-menu">
      <select aria-label={t('app.language')} value={lang} onChange={(e) => sim.setLang(e.target.value as Lang)}>
        {LANG_NAMES.map(([l, name]) => <option key={l} value={l} lang={l}>{name}</option>)}
      </select>
      <label className="switch">
        <input type="checkbox" checked={theme === 'dark'} onChange={(e) => sim.setTheme(e.target.checked ? 'dark' : 'light')} />
        {t('app.theme')}
      </label>
      <label className="switch">
        <input type="checkbox" checked={tableView} onChange={(e) => sim.setTableView(e.target.checked)} />
        {t('app.tableView')}
      </label>
    </div>
  );
}
