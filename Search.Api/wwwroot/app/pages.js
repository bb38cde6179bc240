// Every page of the app. A page is one module in pages/ exporting { path, title, render, nav?, roles? };
// adding a page is writing that file and adding its import here.
import home from './pages/home.js';
import search from './pages/search.js';
import listing from './pages/listing.js';
import signIn from './pages/sign-in.js';
import register from './pages/register.js';
import account from './pages/account.js';
import post from './pages/post.js';
import messages from './pages/messages.js';
import identityReview from './pages/staff-identity.js';
import indexAdmin from './pages/staff-index.js';
import traffic from './pages/staff-traffic.js';
import cvs from './pages/cvs.js';
import employer from './pages/employer.js';
import feedback from './pages/feedback.js';
import staffFeedback from './pages/staff-feedback.js';
import services from './pages/services.js';
import staffCivic from './pages/staff-civic.js';
import ranking from './pages/staff-ranking.js';

export const pages = [home, search, listing, signIn, register, account, cvs, employer, ...feedback, ...services, post, messages, identityReview, ...staffFeedback, staffCivic, indexAdmin, traffic, ranking];
