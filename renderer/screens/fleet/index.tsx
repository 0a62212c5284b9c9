import { NotYet } from '../../components/NotYet';

export default function Screen() {
  return <NotYet title="fleet" what="Being built." />;
}
