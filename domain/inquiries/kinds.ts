// The words of an inquiry (kinds, statuses, what a speaker request asks for), for the pages.
export {
  ATTENDANCE_MODES,
  INQUIRY_KINDS,
  INQUIRY_STATUSES,
  MAX_LEADERS_ON_THE_ROAD,
  SPEAKER_FORMATS,
  type AttendanceMode,
  type InquiryKind,
  type InquiryStatus,
  type SpeakerFormat,
} from '#db/schema/inquiries.ts';
