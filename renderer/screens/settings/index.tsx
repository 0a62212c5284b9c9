import { NotYet } from '../../components/NotYet';

export default function Screen() {
  return <NotYet title="settings" what="Being built." />;
}
