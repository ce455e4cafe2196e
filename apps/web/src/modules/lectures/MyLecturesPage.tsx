import { RequestsList } from './RequestsList';

/** 我的宣讲安排: the lecturer's own assignments to confirm or decline. */
export default function MyLecturesPage() {
  return <RequestsList mine />;
}
