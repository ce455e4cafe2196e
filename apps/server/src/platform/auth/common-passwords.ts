/** Passwords seen most often in leaked Chinese and international lists (lower-cased). */
export const commonPasswords = new Set(
  [
    '12345678', '123456789', '1234567890', '11111111', '88888888', '66666666', '00000000', '87654321',
    'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@ssw0rd1', 'p@ssword1',
    'admin123', 'admin@123', 'admin1234', 'admin@1234', 'administrator', 'root1234', 'root@123',
    'qwerty123', 'qwertyuiop', 'qwe123!@#', '1qaz2wsx', '1qaz@wsx', '1qaz2wsx3edc', '1q2w3e4r', '1q2w3e4r5t',
    'abc12345', 'abcd1234', 'abc@1234', 'abc123456', 'a1234567', 'a12345678', 'aa123456', 'zxcvbnm123',
    'iloveyou', 'woaini1314', 'woaini520', '5201314', 'qq123456', 'huawei123', 'huawei@123', 'welcome1',
    'welcome@123', 'test1234', 'test@123', 'guest123', 'changeme', 'letmein1', 'sunshine1', 'football1',
    'aa112233', 'asdf1234', 'asd123456', 'zaq12wsx', 'q1w2e3r4', 'p@55w0rd', 'pa$$w0rd', 'password@1',
    'password@123', 'admin@888', 'admin888', 'system123', 'system@123', 'gov12345', 'gov@12345',
  ].map((p) => p.toLowerCase()),
);
