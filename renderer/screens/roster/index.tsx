import { NotYet } from '../../components/NotYet';

export default function Screen() {
  return <NotYet title="roster" what="Being built." />;
}
