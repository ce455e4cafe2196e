/** 待办提醒: the caller's in-app inbox, filled by the hourly reminders job; SMS delivery is an interface, off by default. */
export { inboxRoutes } from './routes.js';
export { collectReminders, deliverReminders, remindersJob, type Reminder } from './reminders.js';
export { smsOff, type SmsSender } from './sms.js';
