import { RequestsList } from './RequestsList';

/** 宣讲预约: requests from schools, villages and enterprises, and the office's assignments. */
export default function LectureRequestsPage() {
  return <RequestsList mine={false} />;
}
